/** The first file part of a multipart/form-data body with the given field name, or null. */
export function parseMultipartFile(
	contentType: string | undefined,
	body: Buffer,
	field: string,
): { filename: string; contentType: string; data: Buffer } | null {
	const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
	if (!m || !/^multipart\/form-data/i.test(contentType ?? '')) return null;
	const boundary = Buffer.from(`--${(m[1] ?? m[2]).trim()}`);
	let start = body.indexOf(boundary);
	while (start !== -1) {
		const headerStart = start + boundary.length + 2;
		const headerEnd = body.indexOf('\r\n\r\n', headerStart);
		if (headerEnd === -1) return null;
		const next = body.indexOf(boundary, headerEnd + 4);
		if (next === -1) return null;
		const headers = body.subarray(headerStart, headerEnd).toString('utf8');
		const name = /name="([^"]*)"/i.exec(headers)?.[1];
		if (name === field) {
			return {
				filename: /filename="([^"]*)"/i.exec(headers)?.[1] ?? '',
				contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? 'application/octet-stream',
				data: body.subarray(headerEnd + 4, next - 2),
			};
		}
		start = next;
	}
	return null;
}
