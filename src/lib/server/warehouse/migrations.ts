/**
 * Versioned migrations for the warehouse's own tables (audit, app). Raw tables are
 * created from the ingest job files and model outputs by the model runner, so they
 * are not here. Append new entries; never edit an applied one.
 */
export interface Migration {
	version: number;
	name: string;
	sql: string;
}

export const migrations: Migration[] = [
	{
		version: 1,
		name: 'schemas and audit tables',
		sql: `
create schema if not exists raw;
create schema if not exists staging;
create schema if not exists intermediate;
create schema if not exists marts;
create schema if not exists audit;
create schema if not exists app;

create sequence if not exists audit.file_id_seq start 1;
create table if not exists audit.files (
	file_id bigint primary key default nextval('audit.file_id_seq'),
	hash varchar not null,
	name varchar not null,
	path varchar,
	size_bytes bigint,
	family varchar,
	entity varchar,
	encoding varchar,
	dialect json,
	rows_read bigint not null default 0,
	rows_loaded bigint not null default 0,
	rows_rejected bigint not null default 0,
	status varchar not null,
	message varchar,
	started_at timestamp not null default current_timestamp,
	finished_at timestamp,
	loaded_by varchar
);

create table if not exists audit.rejected_rows (
	file_id bigint not null,
	row_no bigint not null,
	raw_line varchar,
	reason varchar not null,
	column_name varchar
);

create sequence if not exists audit.build_id_seq start 1;
create table if not exists audit.builds (
	build_id bigint primary key default nextval('audit.build_id_seq'),
	started_at timestamp not null default current_timestamp,
	finished_at timestamp,
	selector varchar,
	status varchar not null,
	models_total integer,
	models_ok integer,
	tests_total integer,
	tests_failed integer,
	message varchar,
	triggered_by varchar
);

create table if not exists audit.build_models (
	build_id bigint not null,
	model varchar not null,
	materialized varchar,
	status varchar not null,
	rows bigint,
	seconds double,
	message varchar
);

create table if not exists audit.test_results (
	build_id bigint not null,
	model varchar not null,
	test_name varchar not null,
	column_name varchar,
	severity varchar not null,
	status varchar not null,
	failures bigint,
	message varchar,
	compiled_sql varchar,
	ran_at timestamp not null default current_timestamp
);

create sequence if not exists audit.export_id_seq start 1;
create table if not exists audit.exports (
	export_id bigint primary key default nextval('audit.export_id_seq'),
	created_at timestamp not null default current_timestamp,
	username varchar,
	segment varchar,
	format varchar,
	row_count bigint,
	via varchar
);

create table if not exists audit.access_log (
	created_at timestamp not null default current_timestamp,
	username varchar,
	action varchar not null,
	target varchar,
	status varchar,
	ip varchar,
	detail varchar
);
`
	},
	{
		version: 2,
		name: 'users, sessions and login throttling (times in UTC)',
		sql: `
create table if not exists app.users (
	username varchar primary key,
	display_name varchar not null,
	role varchar not null check (role in ('executive', 'marketer', 'purchasing', 'sales_manager', 'admin')),
	manager_name varchar,
	password_hash varchar not null,
	created_at timestamp not null,
	password_changed_at timestamp not null,
	disabled boolean not null default false,
	check (role <> 'sales_manager' or manager_name is not null)
);

create table if not exists app.sessions (
	token_hash varchar primary key,
	username varchar not null,
	created_at timestamp not null,
	last_seen_at timestamp not null,
	expires_at timestamp not null,
	ip varchar,
	user_agent varchar
);

create table if not exists app.login_throttle (
	key varchar primary key,
	failures integer not null,
	last_failure_at timestamp not null,
	locked_until timestamp
);
`
	},
	{
		version: 3,
		name: 'saved segments of the segment builder (times in UTC)',
		sql: `
create sequence if not exists app.segment_id_seq start 1;
create table if not exists app.segments (
	segment_id bigint primary key default nextval('app.segment_id_seq'),
	name varchar not null unique,
	description varchar,
	definition json not null,
	owner varchar not null,
	created_at timestamp not null,
	updated_at timestamp not null,
	updated_by varchar not null
);
`
	},
	{
		version: 4,
		name: 'rejection reasons in Russian beside the English ones (NULL for rows rejected before)',
		sql: `
alter table audit.rejected_rows add column if not exists reason_ru varchar;
`
	},
	{
		version: 5,
		name: 'per-model state: the version readers see, and whether it is current, stale (why), empty for missing data or never built',
		sql: `
create table if not exists audit.model_state (
	model varchar not null,
	schema_name varchar not null,
	relation_name varchar not null,
	-- current | stale | no_data | never_built
	state varchar not null,
	-- the build whose version readers see (null: none published)
	published_build_id bigint,
	published_at timestamp,
	-- the build that last set the state
	checked_build_id bigint not null,
	checked_at timestamp not null,
	-- why it is not current: in words (English) and as data ({kind, model, test, sources, buildId, upstream})
	reason varchar,
	cause json
);
`
	}
];
