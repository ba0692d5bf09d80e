import type { Child } from "hono/jsx";
import { SelectField, TextField, type TFormState } from "../../platform/ui/forms";
import { APPLICANT_KINDS } from "./outcomes";
import { ID_TYPE_LABELS } from "./requests.schemas";

export const labelOptions = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** The applicant's fields, as on an official application form; used by the public form and by staff. */
export function ApplicantFields(props: {
  form: TFormState;
  legend: string;
  isIdOptional?: boolean;
  children?: Child;
}) {
  const { form } = props;
  return (
    <fieldset class="group">
      <legend>{props.legend}</legend>
      <SelectField
        form={form}
        name="applicant.kind"
        label="申请人类型"
        options={labelOptions(APPLICANT_KINDS)}
        isRequired
      />
      <TextField form={form} name="applicant.name" label="姓名或名称" autocomplete="name" isRequired />
      <SelectField
        form={form}
        name="applicant.idType"
        label="证件类型（公民填写）"
        options={labelOptions(ID_TYPE_LABELS)}
        placeholder={props.isIdOptional ? "（无）" : undefined}
      />
      <TextField form={form} name="applicant.idNumber" label="证件号码（公民填写）" autocomplete="off" />
      <TextField
        form={form}
        name="applicant.orgCode"
        label="统一社会信用代码（法人或其他组织填写）"
        autocomplete="off"
      />
      <TextField form={form} name="applicant.contactPerson" label="联系人（法人或其他组织填写）" />
      <TextField
        form={form}
        name="applicant.phone"
        label="联系电话"
        type="tel"
        autocomplete="tel"
        inputmode="tel"
      />
      <TextField form={form} name="applicant.email" label="电子邮箱" type="email" autocomplete="email" />
      <TextField form={form} name="applicant.address" label="通信地址" autocomplete="street-address" />
      <TextField
        form={form}
        name="applicant.postcode"
        label="邮政编码"
        inputmode="numeric"
        autocomplete="postal-code"
      />
      {props.children}
    </fieldset>
  );
}
