import { randomBytes } from 'node:crypto';

/**
 * One file as a multipart/form-data body (RFC 7578), built by hand so that the node can hand a
 * plain Buffer to n8n's HTTP helper. WeCom's upload_media reads the part named `media`.
 */
export function multipartFileBody(
	field: string,
	filename: string,
	contentType: string,
	data: Buffer,
	boundary = `----GonghuiBoundary${randomBytes(12).toString('hex')}`,
): { body: Buffer; contentType: string } {
	const safeName = filename.replace(/["\r\n]/g, '_');
	const head =
		`--${boundary}\r\n` +
		`Content-Disposition: form-data; name="${field}"; filename="${safeName}"; filelength=${data.length}\r\n` +
		`Content-Type: ${contentType || 'application/octet-stream'}\r\n\r\n`;
	const body = Buffer.concat([Buffer.from(head, 'utf8'), data, Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8')]);
	return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}
