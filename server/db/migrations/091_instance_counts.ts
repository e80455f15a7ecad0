import type { Knex } from 'knex';

/**
 * Counts the dashboard, the live map, /metrics and list totals read at a million processes without
 * counting rows: processes per (machine, state, status, stuck) and transitions per hour, kept by
 * triggers so that every writer (the projection, directory changes, operators' tools, a bulk load)
 * keeps them exact in its own transaction. Also indexes for the searches by e-mail, CPF and CNPJ,
 * which look whole identifiers up exactly, and for the dashboard's failing and blocked counts.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('instanceCounts', (t) => {
    t.string('machine', 100).notNullable();
    t.string('state', 300).notNullable();
    t.string('status', 20).notNullable();
    t.boolean('stuck').notNullable();
    t.integer('n').notNullable();
    t.primary(['machine', 'state', 'status', 'stuck']);
  });
  await knex.schema.createTable('transitionHours', (t) => {
    // The hour as the first 13 characters of an ISO instant ("2026-11-23T14").
    t.string('hour', 13).primary();
    t.integer('n').notNullable();
  });
  const postgres = knex.client.config.client === 'pg';
  const statements = postgres ? postgresTriggers : sqliteTriggers;
  for (const sql of statements) await knex.raw(sql);
  if (postgres) {
    // Every transition rewrites a count row: vacuumed after a thousand dead versions rather than
    // after a share of a table this small, or reading the counts would wade through them.
    for (const table of ['instance_counts', 'transition_hours'])
      await knex.raw(
        `alter table ${table} set (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000)`,
      );
  }
  await knex.raw(
    `insert into instance_counts (machine, state, status, stuck, n)
     select machine, state, status, stuck, count(*) from instances group by machine, state, status, stuck`,
  );
  await knex.raw(
    `insert into transition_hours (hour, n) select substr("at", 1, 13), count(*) from transitions group by substr("at", 1, 13)`,
  );
  await knex.schema.alterTable('instances', (t) => {
    t.index(['entityId'], 'instances_entity_id_index');
    t.index(['entityEmail'], 'instances_entity_email_index');
    // A list by machine and state, newest first, read in index order (see valuesPresent in listQuery.ts).
    t.index(['machine', 'state', 'updatedAt'], 'instances_machine_state_updated_index');
    // The dashboard's count of failing processes: the few with an error, not every process.
    t.index(['status'], 'instances_failing_index', {
      predicate: knex.whereNotNull('lastError').whereRaw("?? <> ''", ['lastError']),
    });
  });
  await knex.schema.alterTable('companies', (t) => t.index(['invoicingBlocked'], 'companies_invoicing_blocked_index'));
  await knex.schema.alterTable('clientUsers', (t) => {
    t.index(['email'], 'client_users_email_index');
    t.index(['pendingEmail'], 'client_users_pending_email_index');
    t.index(['cpf'], 'client_users_cpf_index');
    t.index(['companyId'], 'client_users_company_index');
  });
  await knex.schema.alterTable('officeUsers', (t) => t.index(['email'], 'office_users_email_index'));
  await knex.schema.alterTable('companies', (t) => t.index(['cnpj'], 'companies_cnpj_index'));
}

export async function down(knex: Knex): Promise<void> {
  const postgres = knex.client.config.client === 'pg';
  for (const sql of postgres ? dropPostgres : dropSqlite) await knex.raw(sql);
  await knex.schema.dropTable('transitionHours');
  await knex.schema.dropTable('instanceCounts');
  await knex.schema.alterTable('instances', (t) => {
    t.dropIndex(['entityId'], 'instances_entity_id_index');
    t.dropIndex(['entityEmail'], 'instances_entity_email_index');
    t.dropIndex(['machine', 'state', 'updatedAt'], 'instances_machine_state_updated_index');
    t.dropIndex(['status'], 'instances_failing_index');
  });
  await knex.schema.alterTable('companies', (t) =>
    t.dropIndex(['invoicingBlocked'], 'companies_invoicing_blocked_index'),
  );
  await knex.schema.alterTable('clientUsers', (t) => {
    t.dropIndex(['email'], 'client_users_email_index');
    t.dropIndex(['pendingEmail'], 'client_users_pending_email_index');
    t.dropIndex(['cpf'], 'client_users_cpf_index');
    t.dropIndex(['companyId'], 'client_users_company_index');
  });
  await knex.schema.alterTable('officeUsers', (t) => t.dropIndex(['email'], 'office_users_email_index'));
  await knex.schema.alterTable('companies', (t) => t.dropIndex(['cnpj'], 'companies_cnpj_index'));
}

const countKeyChanged = `old.machine is not new.machine or old.state is not new.state
  or old.status is not new.status or old.stuck is not new.stuck`;
const sqliteAdd = (row: 'new' | 'old', delta: 1 | -1) =>
  `insert into instance_counts (machine, state, status, stuck, n)
   values (${row}.machine, ${row}.state, ${row}.status, ${row}.stuck, ${delta})
   on conflict (machine, state, status, stuck) do update set n = n + ${delta};`;
const hourAdd = (row: 'new' | 'old', delta: 1 | -1) =>
  `insert into transition_hours (hour, n) values (substr(${row}.at, 1, 13), ${delta})
   on conflict (hour) do update set n = transition_hours.n + ${delta};`;

const sqliteTriggers = [
  `create trigger instance_counts_insert after insert on instances begin ${sqliteAdd('new', 1)} end`,
  `create trigger instance_counts_delete after delete on instances begin ${sqliteAdd('old', -1)} end`,
  `create trigger instance_counts_update after update of machine, state, status, stuck on instances
   when ${countKeyChanged} begin ${sqliteAdd('old', -1)} ${sqliteAdd('new', 1)} end`,
  `create trigger transition_hours_insert after insert on transitions begin ${hourAdd('new', 1)} end`,
  `create trigger transition_hours_delete after delete on transitions begin ${hourAdd('old', -1)} end`,
];
const dropSqlite = [
  'drop trigger if exists instance_counts_insert',
  'drop trigger if exists instance_counts_delete',
  'drop trigger if exists instance_counts_update',
  'drop trigger if exists transition_hours_insert',
  'drop trigger if exists transition_hours_delete',
];

// A move takes two count rows; taking them in key order means two moves in opposite directions
// wait for each other instead of deadlocking.
const postgresTriggers = [
  `create or replace function vinculo_instance_counts() returns trigger language plpgsql as $$
   declare
     old_first boolean;
   begin
     if tg_op = 'INSERT' then
       insert into instance_counts values (new.machine, new.state, new.status, new.stuck, 1)
         on conflict (machine, state, status, stuck) do update set n = instance_counts.n + 1;
     elsif tg_op = 'DELETE' then
       update instance_counts set n = n - 1 where (machine, state, status, stuck) = (old.machine, old.state, old.status, old.stuck);
     else
       old_first := (old.machine, old.state, old.status, old.stuck) < (new.machine, new.state, new.status, new.stuck);
       if old_first then
         update instance_counts set n = n - 1 where (machine, state, status, stuck) = (old.machine, old.state, old.status, old.stuck);
       end if;
       insert into instance_counts values (new.machine, new.state, new.status, new.stuck, 1)
         on conflict (machine, state, status, stuck) do update set n = instance_counts.n + 1;
       if not old_first then
         update instance_counts set n = n - 1 where (machine, state, status, stuck) = (old.machine, old.state, old.status, old.stuck);
       end if;
     end if;
     return null;
   end $$`,
  `create trigger instance_counts_insert_delete after insert or delete on instances
   for each row execute function vinculo_instance_counts()`,
  `create trigger instance_counts_update after update of machine, state, status, stuck on instances
   for each row when (${countKeyChanged.replaceAll(' is not ', ' is distinct from ')})
   execute function vinculo_instance_counts()`,
  `create or replace function vinculo_transition_hours() returns trigger language plpgsql as $$
   begin
     if tg_op = 'INSERT' then
       ${hourAdd('new', 1)}
     else
       ${hourAdd('old', -1)}
     end if;
     return null;
   end $$`,
  `create trigger transition_hours_count after insert or delete on transitions
   for each row execute function vinculo_transition_hours()`,
];
const dropPostgres = [
  'drop trigger if exists instance_counts_insert_delete on instances',
  'drop trigger if exists instance_counts_update on instances',
  'drop trigger if exists transition_hours_count on transitions',
  'drop function if exists vinculo_instance_counts()',
  'drop function if exists vinculo_transition_hours()',
];
