import { useEffect, useMemo, useState } from 'react';
import { Checkbox, FormControlLabel, MenuItem, Stack, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { JsonSchema } from '../../types';
import {
  fieldType,
  isRequired,
  payloadFromFields,
  payloadFromText,
  simpleFields,
  type FieldValues,
  type PayloadResult,
} from './payload';

interface Props {
  schema?: JsonSchema;
  /** Must be stable across renders (a state setter), since it is called from an effect. */
  onChange: (result: PayloadResult) => void;
}

/** One field per payload property when the schema is flat, a JSON text otherwise. */
export function PayloadEditor({ schema, onChange }: Props) {
  const fields = useMemo(() => simpleFields(schema), [schema]);
  return fields ? (
    <FieldsEditor schema={schema} fields={fields} onChange={onChange} />
  ) : (
    <JsonEditor onChange={onChange} />
  );
}

function JsonEditor({ onChange }: Pick<Props, 'onChange'>) {
  const translate = useTranslate();
  const [text, setText] = useState('');
  const result = payloadFromText(text);
  useEffect(() => onChange(payloadFromText(text)), [text, onChange]);
  return (
    <TextField
      label={translate('vinculo.nudge.payload')}
      value={text}
      onChange={(e) => setText(e.target.value)}
      error={!result.ok}
      helperText={result.ok ? ' ' : translate('vinculo.nudge.payloadInvalid')}
      multiline
      minRows={3}
      fullWidth
      slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: 'monospace' } } }}
    />
  );
}

interface FieldsProps extends Props {
  fields: [string, JsonSchema][];
}

function FieldsEditor({ schema, fields, onChange }: FieldsProps) {
  const [values, setValues] = useState<FieldValues>({});
  useEffect(() => onChange(payloadFromFields(fields, values, schema?.required)), [fields, values, schema, onChange]);
  const set = (name: string, value: string | boolean) => setValues((v) => ({ ...v, [name]: value }));
  return (
    <Stack spacing={2}>
      {fields.map(([name, field]) =>
        fieldType(field) === 'boolean' ? (
          <FormControlLabel
            key={name}
            label={field.title ?? name}
            control={<Checkbox checked={values[name] === true} onChange={(e) => set(name, e.target.checked)} />}
          />
        ) : (
          <TextField
            key={name}
            name={name}
            label={field.title ?? name}
            helperText={field.description}
            required={isRequired(schema, name)}
            type={fieldType(field) === 'string' ? (field.format === 'email' ? 'email' : 'text') : 'number'}
            select={Array.isArray(field.enum)}
            value={values[name] ?? ''}
            onChange={(e) => set(name, e.target.value)}
            fullWidth
          >
            {field.enum?.map((option) => (
              <MenuItem key={String(option)} value={String(option)}>
                {String(option)}
              </MenuItem>
            ))}
          </TextField>
        ),
      )}
    </Stack>
  );
}
