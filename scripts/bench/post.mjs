// A deterministic blog post of about `words` words, for `npm run bench`: sections of prose with
// inline markup, lists, code, quotes, tables and math, in the proportions of a technical blog.
// A marker paragraph halfway down is where the benchmark types.

export const MARKER = 'every keystroke of the benchmark lands here';
/// The whole line the marker stands on; the cursor goes to its end.
export const MARKER_LINE = `The marker: ${MARKER}`;

const VOCABULARY = `the a of to and in that is was for on with as it by at from this be are have
tide pool rock water crab anemone shell light morning season visit guide measure count sample
note week table result method data chart value change rate slow fast warm cold clear bright
small large first last every other most many few simple careful quiet heavy gentle sudden
found watched counted moved turned waited wrote drew kept left noticed compared measured`.split(/\s+/);

function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generatePost(targetWords, seed = 7) {
  const random = mulberry32(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const between = (low, high) => low + Math.floor(random() * (high - low + 1));
  let words = 0;

  const phrase = (n) => {
    words += n;
    return Array.from({ length: n }, () => pick(VOCABULARY)).join(' ');
  };
  const sentence = () => {
    const parts = [phrase(between(3, 8))];
    const roll = random();
    if (roll < 0.15) parts.push(`*${phrase(2)}*`);
    else if (roll < 0.25) parts.push(`**${phrase(2)}**`);
    else if (roll < 0.33) parts.push(`\`${pick(VOCABULARY)}()\``);
    else if (roll < 0.41) parts.push(`[${phrase(2)}](https://example.org/${pick(VOCABULARY)})`);
    else if (roll < 0.45) parts.push(`$x_${between(1, 9)} = ${between(2, 99)}$`);
    parts.push(phrase(between(3, 9)));
    const text = parts.join(' ');
    return `${text[0].toUpperCase()}${text.slice(1)}.`;
  };
  const paragraph = () => Array.from({ length: between(3, 6) }, sentence).join(' ');
  const list = () => Array.from({ length: between(3, 5) }, () => `- ${phrase(between(3, 8))}`).join('\n');
  const code = () => {
    const lines = Array.from({ length: between(3, 8) }, (_, i) => `  const ${pick(VOCABULARY)}${i} = count(${between(1, 99)}, '${pick(VOCABULARY)}');`);
    return `\`\`\`js\nfunction survey(pool) {\n${lines.join('\n')}\n  return pool;\n}\n\`\`\``;
  };
  const table = () => {
    const rows = Array.from({ length: between(3, 6) }, () => `| ${phrase(1)} | ${between(1, 40)} | ${between(1, 99)}.${between(0, 9)} |`);
    return `| Pool | Count | Temperature |\n|------|------:|------------:|\n${rows.join('\n')}`;
  };
  const block = () => {
    const roll = random();
    if (roll < 0.62) return paragraph();
    if (roll < 0.74) return list();
    if (roll < 0.82) return code();
    if (roll < 0.88) return `> ${paragraph()}`;
    if (roll < 0.93) return table();
    if (roll < 0.96) return `$$\n\\sum_{i=1}^{${between(2, 9)}} x_i = ${between(10, 99)}\n$$`;
    return `![A ${phrase(2)}](photo-${between(1, 9)}.jpg "${phrase(4)}")`;
  };

  const blocks = [];
  for (let section = 1; words < targetWords; section++) {
    blocks.push(`## ${section}. ${phrase(between(2, 4)).replace(/^./, (c) => c.toUpperCase())}`);
    for (let i = between(4, 8); i > 0 && words < targetWords; i--) blocks.push(block());
  }
  blocks.splice(Math.floor(blocks.length / 2), 0, MARKER_LINE);
  const title = `A ${targetWords.toLocaleString('en')}-word post`;
  return { title, words, text: `---\ntitle: ${title}\ndate: 2026-06-01\ntags: [bench]\n---\n\n${blocks.join('\n\n')}\n` };
}
