import type { ContactChannel } from './definition.ts';

/**
 * Whom a channel can reach (SQL over `c` = marts.dim_customer): the customer has an
 * address for it and has not refused it. The «opted in» condition, the live counts and
 * the export rows are all written with these, so the count a marketer sees before an
 * export is the number of rows the file will have.
 */
export const REACH_SQL: Record<ContactChannel, string> = {
	email: 'len(c.emails) > 0 and not c.is_email_opt_out',
	sms: 'len(c.phones) > 0 and not c.is_sms_opt_out',
	messenger: 'len(c.phones) > 0 and not c.is_messenger_opt_out'
};

/** What an export is for: one channel, or every channel the customer accepts. */
export const EXPORT_CHANNELS = ['all', 'email', 'sms', 'messenger'] as const;
export type ExportChannel = (typeof EXPORT_CHANNELS)[number];

/**
 * Export rules per channel:
 *  - email: the e-mail column only; customers who refused e-mail (or have none) are left out.
 *  - sms / messenger: the phone column only; customers who refused that channel are left out.
 *  - all: both columns; the phone is blanked when the customer refused SMS or messengers
 *    (a file does not say what a phone will be used for, so either refusal withholds it),
 *    the e-mail when they refused e-mail; a customer with nothing left is left out.
 * Dead souls are never exported.
 */
export function phoneAllowedSql(channel: ExportChannel): string {
	if (channel === 'email') return 'false';
	if (channel === 'all') return 'len(c.phones) > 0 and not c.is_sms_opt_out and not c.is_messenger_opt_out';
	return REACH_SQL[channel];
}

export function emailAllowedSql(channel: ExportChannel): string {
	return channel === 'all' || channel === 'email' ? REACH_SQL.email : 'false';
}

/** The rows an export of this channel keeps (besides the segment's own conditions). */
export function exportRowSql(channel: ExportChannel): string {
	return `not c.is_dead_soul and ((${phoneAllowedSql(channel)}) or (${emailAllowedSql(channel)}))`;
}

export function exportHasPhone(channel: ExportChannel): boolean {
	return channel !== 'email';
}

export function exportHasEmail(channel: ExportChannel): boolean {
	return channel === 'all' || channel === 'email';
}
