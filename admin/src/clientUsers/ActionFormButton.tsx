import { useState, type ReactElement } from 'react';
import { Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Button, useNotify, useRefresh, useTranslate } from 'react-admin';
import { ReasonField } from '../common/ReasonField';
import { useRefusalNotice } from '../common/useRefusalNotice';
import { apiUrl, httpClient, postJson } from '../httpClient';
import { checkAgainst, type FieldProblem, type ObjectSchema } from './schemaCheck';

export interface ExtraField {
  name: string;
  label: string;
  type?: string;
}

interface Props {
  /** A translation key (react-admin's Button translates it). */
  label: string;
  title: string;
  /** What the operator confirms, said in full (who, what happens). */
  warning: string;
  icon: ReactElement;
  /** The action's schema name in GET /api/directory-actions/schemas. */
  schema: string;
  /** The API path the form posts to (under /api). */
  path: string;
  fields?: ExtraField[];
  done: string;
}

/** The JSON schemas of the directory actions, fetched once per console session. */
function useActionSchemas() {
  return useQuery({
    queryKey: ['directory-actions', 'schemas'],
    queryFn: async () => (await httpClient(`${apiUrl}/directory-actions/schemas`)).json as Record<string, ObjectSchema>,
    staleTime: Infinity,
  });
}

/**
 * An audited directory action from a person's page: a confirmation with the reason (and any data
 * the action carries), checked against the action's JSON schema before sending; the API's refusal
 * is shown as it says it.
 */
export function ActionFormButton({ label, title, warning, icon, schema, path, fields = [], done }: Props) {
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const schemas = useActionSchemas();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<Record<string, FieldProblem>>({});
  const say = (field: string, problem: FieldProblem | undefined) =>
    problem ? translate(`vinculo.directoryActions.problem.${problem.rule}`, { field, n: problem.n }) : ' ';
  const { busy, run } = useRefusalNotice();
  const set = (name: string) => (value: string) => setValues((v) => ({ ...v, [name]: value }));
  const close = () => {
    setOpen(false);
    setValues({});
    setProblems({});
  };
  const confirm = async () => {
    const found = checkAgainst(schemas.data?.[schema], values);
    setProblems(found);
    if (Object.keys(found).length) return;
    const body = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim()]));
    const sent = await run(async () => {
      await postJson(path, body);
      return true;
    });
    if (!sent) return;
    notify(done, { type: 'success' });
    close();
    refresh();
  };
  return (
    <>
      <Button label={label} onClick={() => setOpen(true)}>
        {icon}
      </Button>
      <Dialog open={open} onClose={close} fullWidth maxWidth="sm">
        <DialogTitle>{title}</DialogTitle>
        <DialogContent>
          <DialogContentText>{warning}</DialogContentText>
          {fields.map((f) => (
            <TextField
              key={f.name}
              label={f.label}
              type={f.type ?? 'text'}
              value={values[f.name] ?? ''}
              onChange={(e) => set(f.name)(e.target.value)}
              error={problems[f.name] !== undefined}
              helperText={say(f.label, problems[f.name])}
              required
              fullWidth
              margin="dense"
            />
          ))}
          <ReasonField value={values.reason ?? ''} onChange={set('reason')} />
          {problems.reason && (
            <DialogContentText color="error" role="alert">
              {say(translate('vinculo.nudge.reason'), problems.reason)}
            </DialogContentText>
          )}
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.cancel" onClick={close} />
          <Button label={label} onClick={confirm} disabled={busy || schemas.isPending} variant="contained" />
        </DialogActions>
      </Dialog>
    </>
  );
}
