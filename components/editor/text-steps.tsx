"use client";

import { type InputHTMLAttributes, useState, useSyncExternalStore } from "react";
import { type Path, useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { useRegisterKeepingTyped } from "@/components/ui/typed-before-hydration";
import { generateOpeningParagraph } from "@/lib/document/opening-paragraph";
import { fieldTemplates } from "@/lib/editor/field-templates";
import { fromFormValues, type TReportTextFormValues } from "@/lib/editor/form-values";
import { getSection, overviewTopics, type SectionId } from "@/lib/format";
import { reportFieldLabel } from "@/lib/report/report-fields";
import { processingFeesSentence, reportTitle } from "@/lib/report/report-wording";
import { EditorSessionContext, fieldDomId, useSession } from "./editor-session-context";
import { NarrativeField } from "./narrative-field";

export { EditorSessionContext, fieldDomId };

/** The rule results about one form field, as a string snapshot: no re-render while they are unchanged. */
function useFindingsText(path: string): string {
  const session = useSession();
  const snapshot = () =>
    session
      .getResults()
      .filter((result) => result.location?.field === path)
      .map((result) => `${result.severity}\u0001${result.message}`)
      .join("\u0002");
  return useSyncExternalStore(session.subscribe, snapshot, snapshot);
}

const findingsDomId = (path: string) => `${fieldDomId(path)}-findings`;

/** The findings shown under a field; `text` as useFindingsText gives it. */
function FieldFindings({ path, text }: { path: string; text: string }) {
  if (text === "") return null;
  return (
    <span className="field-findings" id={findingsDomId(path)}>
      {text.split("\u0002").map((item) => {
        const [severity, message] = item.split("\u0001");
        return (
          <span key={message} className={severity === "error" ? "field-error" : "field-warning"}>
            {message}
          </span>
        );
      })}
    </span>
  );
}

type TextFieldProps = { path: Path<TReportTextFormValues>; label?: string } & Omit<InputHTMLAttributes<HTMLInputElement>, "id">;

function TextField({ path, label, ...extra }: TextFieldProps) {
  const registration = useRegisterKeepingTyped(useFormContext<TReportTextFormValues>(), path);
  const findings = useFindingsText(path);
  return (
    <>
      <label className="field">
        {label ?? reportFieldLabel(path)}
        {/* Described by its findings only while there are some: never by an id that is not on the page. */}
        <input
          id={fieldDomId(path)}
          aria-describedby={findings === "" ? undefined : findingsDomId(path)}
          aria-invalid={findings.split("\u0002").some((item) => item.startsWith("error\u0001")) ? true : undefined}
          {...registration}
          {...extra}
        />
      </label>
      <FieldFindings path={path} text={findings} />
    </>
  );
}

const issuedOnOptions = { setValueAs: (value: unknown) => (value === "" ? null : value) };

export function InfoStep() {
  const form = useFormContext<TReportTextFormValues>();
  const { setValue } = form;
  const issuedOn = useRegisterKeepingTyped(form, "info.issuedOn", issuedOnOptions);
  const values = useWatch<TReportTextFormValues>();
  const info = values.info;
  const generated = info ? generateOpeningParagraph(fromFormValues(values as TReportTextFormValues).info) : "";
  return (
    <div className="form-grid">
      <fieldset>
        <legend>机关</legend>
        <TextField path="info.agencyName" placeholder="如：湘潭县人民政府" autoComplete="organization" />
        <TextField path="info.agencyShortName" label="简称（可不填）" />
        <TextField path="info.year" inputMode="numeric" placeholder="如：2025" />
      </fieldset>
      <fieldset>
        <legend>编制机构和联系方式</legend>
        <TextField path="info.compilingOffice.name" />
        <TextField path="info.compilingOffice.address" />
        <TextField path="info.compilingOffice.postcode" inputMode="numeric" />
        <TextField path="info.compilingOffice.phone" inputMode="tel" />
        <TextField path="info.compilingOffice.email" inputMode="email" />
      </fieldset>
      <fieldset>
        <legend>发布</legend>
        <TextField path="info.publicationChannel.siteName" />
        <TextField path="info.publicationChannel.url" />
        <TextField path="info.extraBasis" label="补充编制依据（如省级通知，可不填）" />
        <label className="field">
          落款日期（可不填）
          <input id={fieldDomId("info.issuedOn")} type="date" {...issuedOn} />
        </label>
      </fieldset>
      {typeof info?.title === "string" && (
        <TitleFields standard={info ? reportTitle(fromFormValues(values as TReportTextFormValues).info) : ""} />
      )}
      <fieldset className="wide">
        <legend>{reportFieldLabel("info.openingParagraph")}</legend>
        {info?.openingParagraph === null || info?.openingParagraph === undefined ? (
          <>
            <figure className="generated-opening" aria-label="自动生成的开头段落">
              <p className="generated">{generated}</p>
            </figure>
            <button type="button" onClick={() => setValue("info.openingParagraph", generated, { shouldDirty: true })}>
              修改开头段落
            </button>
          </>
        ) : (
          <>
            <NarrativeField path="info.openingParagraph" label={reportFieldLabel("info.openingParagraph")} />
            <button type="button" onClick={() => setValue("info.openingParagraph", null, { shouldDirty: true })}>
              恢复自动生成
            </button>
          </>
        )}
      </fieldset>
    </div>
  );
}

/** An imported report's own title: kept, confirmed as the agency's approved wording, or replaced by the standard one. */
function TitleFields({ standard }: { standard: string }) {
  const { register, setValue } = useFormContext<TReportTextFormValues>();
  return (
    <fieldset className="wide">
      <legend>标题</legend>
      <TextField path="info.title" label="报告标题（原文所用）" />
      <label className="checkbox-field">
        <input type="checkbox" {...register("info.titleApproved")} /> 这是本机关批准使用的标题
      </label>
      <button
        type="button"
        onClick={() => {
          setValue("info.title", null, { shouldDirty: true });
          setValue("info.titleApproved", false, { shouldDirty: true });
        }}
      >
        改用规定的标题“{standard}”
      </button>
    </fieldset>
  );
}

type Topic = TReportTextFormValues["narrative"]["overview"]["topics"][number];
const TOPICS = "narrative.overview.topics" as const;

function TopicTitleField({ index }: { index: number }) {
  const registration = useRegisterKeepingTyped(useFormContext<TReportTextFormValues>(), `${TOPICS}.${index}.title`);
  return (
    <label className="field">
      小标题 {index + 1}
      <input {...registration} />
    </label>
  );
}

export function OverviewStep() {
  const session = useSession();
  const { control, setValue, getValues } = useFormContext<TReportTextFormValues>();
  const topics = useFieldArray({ control, name: TOPICS });
  const overview = useWatch<TReportTextFormValues, "narrative.overview">({ name: "narrative.overview" });
  const [deleted, setDeleted] = useState<string | null>(null);
  const section = getSection("overview");

  // Through the whole array, not the field array's methods: undo may run after this step has unmounted.
  const withoutTopic = (index: number) => getValues(TOPICS).filter((_, position) => position !== index);
  const withTopic = (index: number, topic: Topic) => {
    const current = getValues(TOPICS);
    return [...current.slice(0, index), topic, ...current.slice(index)];
  };

  const removeTopic = (index: number) => {
    const topic = getValues(TOPICS)[index];
    if (!topic) return;
    const label = `删除小标题“${topic.title || `第 ${index + 1} 个`}”`;
    setValue(TOPICS, withoutTopic(index), { shouldDirty: true });
    session.pushHistory({
      label,
      undo: () => setValue(TOPICS, withTopic(index, topic), { shouldDirty: true }),
      redo: () => setValue(TOPICS, withoutTopic(index), { shouldDirty: true }),
    });
    setDeleted(label);
  };

  return (
    <div className="narrative-step">
      <p className="hint">{section.hint}</p>
      {deleted && (
        <p className="notice" role="status">
          已{deleted}。
          <button
            type="button"
            className="link-button"
            onClick={() => {
              session.undo();
              setDeleted(null);
            }}
          >
            撤销（Ctrl+Z）
          </button>
        </p>
      )}
      <NarrativeField
        path="narrative.overview.intro"
        label="导语（可不填）"
        carriedPath="narrative.overview.introCarriedFromLastYear"
        isCarriedFromLastYear={overview?.introCarriedFromLastYear}
      />
      {topics.fields.map((field, index) => {
        const topic = overview?.topics?.[index];
        const known = overviewTopics.find((candidate) => candidate.title === topic?.title);
        return (
          <div key={field.id} className="topic">
            <div className="topic-head">
              <TopicTitleField index={index} />
              <button type="button" className="link-button" onClick={() => removeTopic(index)}>
                删除此小标题
              </button>
            </div>
            <NarrativeField
              path={`${TOPICS}.${index}.body`}
              label={`${topic?.title || "小标题"}正文`}
              hint={known?.hint}
              carriedPath={`${TOPICS}.${index}.carriedFromLastYear`}
              isCarriedFromLastYear={topic?.carriedFromLastYear}
              templates={fieldTemplates("overview", topic?.title ?? null)}
            />
          </div>
        );
      })}
      <button type="button" onClick={() => topics.append({ title: "", body: "", carriedFromLastYear: false })}>
        添加小标题
      </button>
    </div>
  );
}

function FeesSentence() {
  const values = useWatch<TReportTextFormValues>();
  if (!values.narrative?.other_matters?.processingFees) return null;
  const { narrative } = fromFormValues(values as TReportTextFormValues);
  const sentence = processingFeesSentence(narrative.other_matters.processingFees);
  return sentence ? <p className="generated">将写入正文：{sentence}</p> : null;
}

export function SectionTextStep({ sectionId }: { sectionId: Extract<SectionId, "problems" | "other_matters"> }) {
  const block = useWatch<TReportTextFormValues, `narrative.${typeof sectionId}`>({ name: `narrative.${sectionId}` });
  const section = getSection(sectionId);
  return (
    <div className="narrative-step">
      <NarrativeField
        path={`narrative.${sectionId}.body`}
        label="正文"
        hint={section.hint}
        carriedPath={`narrative.${sectionId}.carriedFromLastYear`}
        isCarriedFromLastYear={block?.carriedFromLastYear}
      />
      {sectionId === "other_matters" && (
        <fieldset>
          <legend>信息处理费（填写后自动写入正文，单位：元）</legend>
          <TextField path="narrative.other_matters.processingFees.noticesIssued" inputMode="numeric" />
          <TextField path="narrative.other_matters.processingFees.noticedAmount" inputMode="decimal" />
          <TextField path="narrative.other_matters.processingFees.collectedAmount" inputMode="decimal" />
          <FeesSentence />
        </fieldset>
      )}
    </div>
  );
}
