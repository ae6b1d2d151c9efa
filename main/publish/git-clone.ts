/// A local clone that Postwright commits into and pushes from: the static-site backend and the
/// git image host both bring it up to the remote branch first, push on top of it, and retry
/// once when someone pushed in between.
import { PublishError } from './errors';
import { gitError, type Git } from './git';

const IDENTITY = ['-c', 'user.name=Postwright', '-c', 'user.email=postwright@localhost'];

export interface CloneSettings {
  repoPath: string;
  remote: string;
  branch: string;
}

export interface CloneWords {
  /// How the settings name the clone's folder: "your site’s clone in the target’s settings".
  whereToChoose: string;
  /// What to change instead of switching branches: "the target", "the image host".
  orChange: string;
  /// A remote without the branch yet is fine (the first push makes it).
  newBranchOk: boolean;
}

export class GitClone {
  constructor(
    readonly git: Git,
    private readonly settings: CloneSettings,
    private readonly words: CloneWords,
  ) {}

  get ref(): string {
    return `${this.settings.remote}/${this.settings.branch}`;
  }

  /// Brings the clone up to the remote branch, so a push adds to what is there.
  async sync(): Promise<void> {
    const { repoPath: repo, branch: wanted, remote } = this.settings;
    if ((await this.git.run(['rev-parse', '--is-inside-work-tree'])).stdout.trim() !== 'true') {
      throw new PublishError('invalid', `${repo} is not a git clone. Choose the folder of ${this.words.whereToChoose}.`);
    }
    const branch = (await this.git.run(['symbolic-ref', '--quiet', '--short', 'HEAD'])).stdout.trim();
    if (branch !== wanted) {
      throw new PublishError('invalid', `The clone in ${repo} is on branch “${branch || 'none'}”, not “${wanted}”. Switch it (git switch ${wanted}) or change ${this.words.orChange}.`);
    }
    const fetched = await this.git.run(['fetch', '--quiet', remote, `+refs/heads/${wanted}:refs/remotes/${this.ref}`]);
    if (fetched.code !== 0 && this.words.newBranchOk && /couldn't find remote ref/i.test(fetched.stderr)) return;
    if (fetched.code !== 0) throw gitError(fetched, `fetch ${this.ref}`);
    const merged = await this.git.run(['merge', '--ff-only', '--quiet', this.ref]);
    if (merged.code !== 0) {
      const rebased = await this.git.run([...(await this.identity()), 'rebase', '--quiet', '--autostash', this.ref]);
      if (rebased.code !== 0) {
        await this.git.run(['rebase', '--abort']);
        throw new PublishError('rejected', `The clone in ${repo} and ${this.ref} both have changes git cannot combine. Resolve them in the clone (see git status), then publish again.`);
      }
    }
  }

  async push(): Promise<void> {
    const push = () => this.git.run(['push', '--quiet', this.settings.remote, `HEAD:refs/heads/${this.settings.branch}`]);
    let result = await push();
    // Someone pushed in between: take their commits and push ours on top, once.
    if (result.code !== 0 && /rejected|non-fast-forward|fetch first/i.test(result.stderr)) {
      await this.sync();
      result = await push();
    }
    if (result.code !== 0) throw gitError(result, `push to ${this.ref}`);
  }

  /// The repo's own identity when it has one; CI machines and fresh accounts have none.
  async identity(): Promise<string[]> {
    const email = await this.git.run(['config', 'user.email']);
    const name = await this.git.run(['config', 'user.name']);
    return email.stdout.trim() && name.stdout.trim() ? [] : IDENTITY;
  }
}
