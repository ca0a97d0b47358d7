import type { ResourceModule } from '../helpers/operation';
import { application } from './application';
import { claim } from './claim';
import { enrolment } from './enrolment';
import { member } from './member';
import { organization } from './organization';
import { statistics } from './statistics';
import { transfer } from './transfer';
import { webhook } from './webhook';

export const RESOURCES = { application, member, organization, transfer, enrolment, claim, statistics, webhook };

export type ResourceName = keyof typeof RESOURCES;

export function operationsOf(resource: string): ResourceModule | undefined {
	return (RESOURCES as Record<string, { operations: ResourceModule }>)[resource]?.operations;
}
