/// `postwright targets add` for image hosts: the options and the settings they make.
///   --kind s3 --endpoint URL --bucket NAME --public-url URL --access-key ID [--region R] [--prefix P/] [--password-stdin]
///   --kind git-images --repo PATH --public-url 'https://cdn.jsdelivr.net/gh/you/images@main/{path}' [--branch main] [--folder images/]
///   --kind uploader --command picgo --arg upload --arg {file} [--timeout SECONDS]
export const IMAGE_HOST_OPTIONS = {
  endpoint: { type: 'string' },
  bucket: { type: 'string' },
  region: { type: 'string' },
  prefix: { type: 'string' },
  'public-url': { type: 'string' },
  'access-key': { type: 'string' },
  folder: { type: 'string' },
  command: { type: 'string' },
  arg: { type: 'string', multiple: true },
  timeout: { type: 'string' },
  'image-host': { type: 'string' },
} as const;

export const IMAGE_HOST_KINDS = ['s3', 'git-images', 'uploader'] as const;

export const IMAGE_HOST_USAGE = `  targets add NAME --kind s3 --endpoint URL --bucket B --public-url URL --access-key ID [--region R] [--prefix P/] [--password-stdin]
  targets add NAME --kind git-images --repo PATH --public-url 'https://cdn.jsdelivr.net/gh/you/images@main/{path}' [--branch main] [--folder images/]
  targets add NAME --kind uploader --command picgo --arg upload --arg {file} [--timeout 120]
                        image hosts: where Blogger (or a Hugo/Jekyll site added with
                        --image-host NAME) puts its images; the S3 secret comes from stdin`;

type Values = Partial<Record<keyof typeof IMAGE_HOST_OPTIONS | 'repo' | 'branch', string | string[] | boolean>>;

/// The target settings for an image-host kind, unchecked (the schema checks them), or null.
export function imageHostSettings(name: string, kind: string, values: Values): Record<string, unknown> | null {
  const text = (key: keyof Values) => (typeof values[key] === 'string' ? values[key] : undefined);
  const optional = (entries: Record<string, string | undefined>) => Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));
  switch (kind) {
    case 's3':
      return { name, kind: 'image-host', host: { type: 's3', endpoint: text('endpoint') ?? '', bucket: text('bucket') ?? '', publicUrl: text('public-url') ?? '', accessKeyId: text('access-key') ?? '', ...optional({ region: text('region'), prefix: text('prefix') }) } };
    case 'git-images':
      return { name, kind: 'image-host', host: { type: 'git', repoPath: text('repo') ?? '', publicUrl: text('public-url') ?? '', ...optional({ branch: text('branch'), folder: text('folder') }) } };
    case 'uploader': {
      const args = Array.isArray(values.arg) ? values.arg : [];
      const timeout = text('timeout');
      return { name, kind: 'image-host', host: { type: 'command', command: [text('command') ?? '', ...args], ...(timeout ? { timeoutSeconds: Number(timeout) } : {}) } };
    }
    default:
      return null;
  }
}
