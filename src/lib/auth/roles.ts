/** Roles of oborot users (DESIGN: who uses it and for what). Shared by server and pages. */
export const ROLES = ['executive', 'marketer', 'purchasing', 'sales_manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in user as pages and API handlers see it. */
export interface SessionUser {
	username: string;
	displayName: string;
	role: Role;
	/** For sales_manager: the manager name as it appears in CRM/accounting data (own deals only). */
	managerName: string | null;
}
