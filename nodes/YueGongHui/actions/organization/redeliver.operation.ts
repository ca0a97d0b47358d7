import { redelivery } from '../../helpers/redelivery';

/** organization.established again, for a union whose run was lost. */
export const { description, execute } = redelivery('organizations', 'orgId', 'Organization ID');
