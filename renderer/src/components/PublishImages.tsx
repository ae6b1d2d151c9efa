/// The images a publish will upload, before anything is sent: each one's size before and after
/// preparation, what was removed from it, and the images without alt text, with a field to write
/// it (into the post's markdown, through the editor like any other edit).
export function sizeOf(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(bytes > 0 ? 1 : 0, Math.round(bytes / 1024))} KB`;
}
