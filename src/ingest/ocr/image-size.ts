/**
 * The pixel size an image declares in its header, read before any decoding so that a
 * 100,000 × 100,000 "scan" is refused without allocating its pixels.
 */
import { imageTypeOf } from '../content-type.js';

export interface ImageSize {
  width: number;
  height: number;
}

export function imageSize(data: Buffer): ImageSize | null {
  switch (imageTypeOf(data)) {
    case 'png':
      return pngSize(data);
    case 'jpeg':
      return jpegSize(data);
    case 'tiff':
      return tiffSize(data);
    default:
      return null;
  }
}

/** The IHDR chunk follows the signature: width and height as big-endian 32-bit numbers. */
function pngSize(data: Buffer): ImageSize | null {
  if (data.length < 24 || data.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

/** The first start-of-frame marker (SOF0–SOF15 except DHT, JPG, DAC) holds height then width. */
function jpegSize(data: Buffer): ImageSize | null {
  let at = 2;
  while (at + 9 < data.length) {
    if (data[at] !== 0xff) return null;
    const marker = data[at + 1]!;
    if (marker === 0xff) {
      at++;
      continue;
    }
    const length = data.readUInt16BE(at + 2);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return { height: data.readUInt16BE(at + 5), width: data.readUInt16BE(at + 7) };
    at += 2 + length;
  }
  return null;
}

/** The first image file directory's ImageWidth (256) and ImageLength (257) tags. */
function tiffSize(data: Buffer): ImageSize | null {
  if (data.length < 8) return null;
  const little = data[0] === 0x49;
  const u16 = (at: number) => (little ? data.readUInt16LE(at) : data.readUInt16BE(at));
  const u32 = (at: number) => (little ? data.readUInt32LE(at) : data.readUInt32BE(at));
  const directory = u32(4);
  if (directory + 2 > data.length) return null;
  const entries = u16(directory);
  let width = 0;
  let height = 0;
  for (let index = 0; index < entries; index++) {
    const entry = directory + 2 + index * 12;
    if (entry + 12 > data.length) break;
    const tag = u16(entry);
    const type = u16(entry + 2);
    // SHORT (3) values sit in the first two bytes of the value field, LONG (4) in all four.
    const value = type === 3 ? u16(entry + 8) : u32(entry + 8);
    if (tag === 256) width = value;
    if (tag === 257) height = value;
  }
  return width && height ? { width, height } : null;
}
