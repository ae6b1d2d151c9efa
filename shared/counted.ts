/// "1 word", "2,400 words": a count with its noun in the right number.
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}
