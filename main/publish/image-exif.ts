/// Whether an EXIF block (as sharp's metadata().exif gives it: "Exif\0\0" and a TIFF structure)
/// says where the photo was taken: IFD0 points at a GPS IFD (tag 0x8825) that has entries.
/// Only to tell the blogger "location removed"; the stripping itself is sharp's.
export function exifHasLocation(exif: Uint8Array): boolean {
  const buf = Buffer.from(exif.buffer, exif.byteOffset, exif.byteLength);
  const start = buf.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? 6 : 0;
  const tiff = buf.subarray(start);
  if (tiff.length < 8) return false;
  const order = tiff.subarray(0, 2).toString('latin1');
  if (order !== 'II' && order !== 'MM') return false;
  const le = order === 'II';
  const u16 = (at: number) => (at + 2 <= tiff.length ? (le ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at)) : 0);
  const u32 = (at: number) => (at + 4 <= tiff.length ? (le ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at)) : 0);
  const ifd0 = u32(4);
  const count = u16(ifd0);
  for (let i = 0; i < count; i++) {
    const entry = ifd0 + 2 + i * 12;
    if (entry + 12 > tiff.length) return false;
    if (u16(entry) !== 0x8825) continue;
    const gps = u32(entry + 8);
    return gps > 0 && u16(gps) > 0;
  }
  return false;
}
