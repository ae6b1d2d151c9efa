/// A readable alt text from an image's file name: "tide-pool_2024.JPG" -> "tide pool 2024".
/// Screenshots and camera names ("IMG_0042", "image.png") give no description, so none.
export function altFromFileName(name: string): string {
  const stem = name.replace(/\.[a-z0-9]{2,5}$/i, '').replace(/[-_.]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (/^(img|image|dscn?|pxl|screenshot|screen shot|photo|pasted image|untitled)?[\s\d]*(at[\s\d]*)?(am|pm)?$/i.test(stem)) return '';
  return stem.slice(0, 120);
}
