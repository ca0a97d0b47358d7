import { redelivery } from '../../helpers/redelivery';

/** application.submitted again, for a pending application whose run was lost. */
export const { description, execute } = redelivery('applications', 'applicationId', 'Application ID');
