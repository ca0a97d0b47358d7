import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { namesFromFields, parseNameList, type MessageMaskOptions } from '../../lib/notify/masking';
import { sendDingTalk } from './channels/dingTalk';
import { sendSms, type SmsOptions } from './channels/sms';
import { sendWeCom } from './channels/weCom';
import { maskingFields, optionsField, resourceField } from './descriptions/common';
import { dingTalkFields, dingTalkOperations } from './descriptions/dingTalk';
import { smsFields, smsOperations } from './descriptions/sms';
import { weComFields, weComOperations } from './descriptions/weCom';
import { asNodeError, errorItem, failureFields } from '../shared/errorItem';

/**
 * Notifications to union staff and members: WeCom and DingTalk group robots and Aliyun template
 * SMS. Texts are masked by default, long texts split or cut at the gateway's byte limits, and
 * sends paced to each robot's and each number's limits (the node waits rather than failing).
 */
export class UnionNotify implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Union Notify (工会通知)',
		name: 'unionNotify',
		icon: { light: 'file:unionNotify.svg', dark: 'file:unionNotify.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["resource"] + ": " + $parameter["operation"]}}',
		description: 'Send masked notices through WeCom and DingTalk group robots and Aliyun SMS',
		defaults: { name: 'Union Notify' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'weComRobotApi', required: true, displayOptions: { show: { resource: ['weCom'] } } },
			{ name: 'dingTalkRobotApi', required: true, displayOptions: { show: { resource: ['dingTalk'] } } },
			{ name: 'aliyunSmsApi', required: true, displayOptions: { show: { resource: ['sms'] } } },
		],
		properties: [
			resourceField,
			weComOperations,
			dingTalkOperations,
			smsOperations,
			...weComFields,
			...dingTalkFields,
			...smsFields,
			...maskingFields,
			optionsField,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const resource = this.getNodeParameter('resource', i) as string;
			const operation = this.getNodeParameter('operation', i) as string;
			try {
				const mask = maskOptionsOf.call(this, i, items[i].json, operation);
				const options = this.getNodeParameter('options', i, {}) as SmsOptions;
				let json: IDataObject;
				if (resource === 'weCom') json = await sendWeCom.call(this, i, operation, mask);
				else if (resource === 'dingTalk') json = await sendDingTalk.call(this, i, operation, mask);
				else if (resource === 'sms') json = await sendSms.call(this, i, mask, options);
				else throw new NodeOperationError(this.getNode(), `未知渠道 / Unknown channel: ${resource}`, { itemIndex: i });
				out.push({ json, pairedItem: { item: i } });
			} catch (error) {
				if (this.continueOnFail()) {
					out.push(errorItem(this.getNode(), i, { sent: false, channel: resource, ...failureFields(error) }));
					continue;
				}
				throw asNodeError(this.getNode(), error, i);
			}
		}
		return [out];
	}
}

function maskOptionsOf(this: IExecuteFunctions, i: number, json: IDataObject, operation: string): MessageMaskOptions {
	if (operation === 'sendImage' || operation === 'sendFile') return {};
	const unmasked = this.getNodeParameter('sendUnmasked', i, false) as boolean;
	const names = parseNameList(this.getNodeParameter('namesToMask', i, '') as string);
	if (this.getNodeParameter('namesFromItem', i, true) as boolean) names.push(...namesFromFields(json));
	return { names, unmasked };
}
