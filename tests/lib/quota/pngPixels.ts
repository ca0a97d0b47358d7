import { inflateSync } from 'node:zlib';

/** A minimal PNG reader for tests: 8-bit RGB or RGBA, non-interlaced (what resvg writes). */
export interface DecodedPng {
	width: number;
	height: number;
	pixel(x: number, y: number): [number, number, number, number];
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function decodePng(png: Buffer): DecodedPng {
	if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG');
	let offset = 8;
	let width = 0;
	let height = 0;
	let colourType = 0;
	let bitDepth = 0;
	const idat: Buffer[] = [];
	while (offset < png.length) {
		const length = png.readUInt32BE(offset);
		const type = png.toString('ascii', offset + 4, offset + 8);
		const data = png.subarray(offset + 8, offset + 8 + length);
		if (type === 'IHDR') {
			width = data.readUInt32BE(0);
			height = data.readUInt32BE(4);
			bitDepth = data[8];
			colourType = data[9];
			if (data[12] !== 0) throw new Error('interlaced PNG');
		} else if (type === 'IDAT') idat.push(data);
		else if (type === 'IEND') break;
		offset += 12 + length;
	}
	if (bitDepth !== 8 || (colourType !== 6 && colourType !== 2)) throw new Error(`unsupported PNG: depth ${bitDepth}, colour type ${colourType}`);
	const channels = colourType === 6 ? 4 : 3;
	const raw = inflateSync(Buffer.concat(idat));
	const stride = width * channels;
	const out = Buffer.alloc(height * stride);
	for (let y = 0; y < height; y++) {
		const filter = raw[y * (stride + 1)];
		const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
		for (let i = 0; i < stride; i++) {
			const left = i >= channels ? out[y * stride + i - channels] : 0;
			const up = y > 0 ? out[(y - 1) * stride + i] : 0;
			const upLeft = y > 0 && i >= channels ? out[(y - 1) * stride + i - channels] : 0;
			let value = line[i];
			if (filter === 1) value += left;
			else if (filter === 2) value += up;
			else if (filter === 3) value += (left + up) >> 1;
			else if (filter === 4) {
				const p = left + up - upLeft;
				const pa = Math.abs(p - left);
				const pb = Math.abs(p - up);
				const pc = Math.abs(p - upLeft);
				value += pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
			}
			out[y * stride + i] = value & 0xff;
		}
	}
	return {
		width,
		height,
		pixel(x, y) {
			const i = Math.floor(y) * stride + Math.floor(x) * channels;
			return [out[i], out[i + 1], out[i + 2], channels === 4 ? out[i + 3] : 255];
		},
	};
}
