import { NodeApiError, type IDataObject, type IExecuteFunctions, type IHttpRequestOptions, type JsonObject } from 'n8n-workflow';

export type NotifyCredential = 'weComRobotApi' | 'dingTalkRobotApi' | 'aliyunSmsApi';

export interface GatewayResponse {
	status: number;
	body: IDataObject;
}

function parseBody(body: unknown): IDataObject {
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body === 'string') {
		try {
			return JSON.parse(body) as IDataObject;
		} catch {
			return { raw: body };
		}
	}
	return (body ?? {}) as IDataObject;
}

/**
 * The one door to the gateways: n8n's HTTP client with the channel's credential applied. Gateway
 * answers come back whatever their HTTP status, for the caller to read their error codes.
 */
export async function gatewayRequest(
	this: IExecuteFunctions,
	credential: NotifyCredential,
	options: IHttpRequestOptions,
	itemIndex: number,
): Promise<GatewayResponse> {
	try {
		const response = (await this.helpers.httpRequestWithAuthentication.call(this, credential, {
			...options,
			json: true,
			ignoreHttpStatusErrors: true,
			returnFullResponse: true,
		})) as { statusCode: number; body: unknown };
		return { status: response.statusCode, body: parseBody(response.body) };
	} catch (error) {
		// Only the message and code: the request (its URL holds the robot's key) stays out of the error.
		const cause = error as { message?: string; code?: string };
		throw new NodeApiError(this.getNode(), { message: cause.message ?? String(error), code: cause.code ?? '' } as JsonObject, {
			itemIndex,
			message: `无法连接通知网关 / Could not reach the notification gateway: ${cause.message ?? String(error)}`,
		});
	}
}
