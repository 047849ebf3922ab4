"use client";

import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { processingFeesSentence } from "@/lib/document/build-report-document";
import { generateOpeningParagraph } from "@/lib/document/opening-paragraph";
import { getSection, overviewTopics, type SectionId } from "@/lib/format";
import { ZProcessingFees, ZReportInfo } from "@/lib/report/report-schema";
import type { TReportTextFormInput } from "./report-form-schema";
import { TextAreaField } from "./text-area-field";

const emptyToNull = (value: unknown) => (value === "" ? null : value);
// Figures typed with a Chinese input method arrive as full-width digits.
const figureOrNull = (value: unknown) => {
  if (typeof value !== "string") return value;
  const text = value.normalize("NFKC").replace(/[,\s]/g, "");
  return text === "" ? null : Number(text);
};

function FieldError({ message }: { message?: string }) {
  return message ? <span className="field-error">{message}</span> : null;
}

export function InfoStep() {
  const { register, setValue, formState } = useFormContext<TReportTextFormInput>();
  const info = useWatch<TReportTextFormInput, "info">({ name: "info" });
  const parsedInfo = ZReportInfo.safeParse(info);
  const generated = parsedInfo.success ? generateOpeningParagraph(parsedInfo.data) : "";
  const errors = formState.errors.info;
  const text = (name: Parameters<typeof register>[0], label: string, extra: Record<string, unknown> = {}) => (
    <label className="field">
      {label}
      <input {...register(name)} {...extra} />
    </label>
  );
  return (
    <div className="form-grid">
      <fieldset>
        <legend>机关</legend>
        {text("info.agencyName", "机关全称")}
        <FieldError message={errors?.agencyName?.message} />
        {text("info.agencyShortName", "简称（可不填）")}
        <label className="field">
          年度
          <input {...register("info.year", { setValueAs: figureOrNull })} inputMode="numeric" />
        </label>
        <FieldError message={errors?.year?.message} />
      </fieldset>
      <fieldset>
        <legend>编制机构和联系方式</legend>
        {text("info.compilingOffice.name", "编制机构")}
        {text("info.compilingOffice.address", "地址")}
        {text("info.compilingOffice.postcode", "邮编", { inputMode: "numeric" })}
        {text("info.compilingOffice.phone", "电话", { inputMode: "tel" })}
        {text("info.compilingOffice.email", "电子邮箱", { inputMode: "email" })}
      </fieldset>
      <fieldset>
        <legend>发布</legend>
        {text("info.publicationChannel.siteName", "发布网站名称")}
        {text("info.publicationChannel.url", "网址")}
        {text("info.extraBasis", "补充编制依据（如省级通知，可不填）")}
        <label className="field">
          落款日期（可不填）
          <input type="date" {...register("info.issuedOn", { setValueAs: emptyToNull })} />
        </label>
      </fieldset>
      <fieldset className="wide">
        <legend>开头段落</legend>
        {info?.openingParagraph === null || info?.openingParagraph === undefined ? (
          <>
            <p className="generated" aria-label="自动生成的开头段落">
              {generated}
            </p>
            <button type="button" onClick={() => setValue("info.openingParagraph", generated, { shouldDirty: true })}>
              修改开头段落
            </button>
          </>
        ) : (
          <>
            <TextAreaField
              label="开头段落"
              registration={register("info.openingParagraph")}
              value={info.openingParagraph}
            />
            <button type="button" onClick={() => setValue("info.openingParagraph", null, { shouldDirty: true })}>
              恢复自动生成
            </button>
          </>
        )}
      </fieldset>
    </div>
  );
}

export function OverviewStep() {
  const { register, control, setValue } = useFormContext<TReportTextFormInput>();
  const topics = useFieldArray({ control, name: "narrative.overview.topics" });
  const overview = useWatch<TReportTextFormInput, "narrative.overview">({ name: "narrative.overview" });
  const section = getSection("overview");
  return (
    <div className="narrative-step">
      <p className="hint">{section.hint}</p>
      <TextAreaField
        label="导语（可不填）"
        registration={register("narrative.overview.intro")}
        value={overview?.intro ?? ""}
      />
      {topics.fields.map((field, index) => {
        const topic = overview?.topics?.[index];
        const known = overviewTopics.find((candidate) => candidate.title === topic?.title);
        return (
          <div key={field.id} className="topic">
            <div className="topic-head">
              <label className="field">
                小标题 {index + 1}
                <input {...register(`narrative.overview.topics.${index}.title`)} />
              </label>
              <button type="button" className="link-button" onClick={() => topics.remove(index)}>
                删除此小标题
              </button>
            </div>
            <TextAreaField
              label={`${topic?.title || "小标题"}正文`}
              hint={known?.hint}
              registration={register(`narrative.overview.topics.${index}.body`, {
                onChange: () => setValue(`narrative.overview.topics.${index}.carriedFromLastYear`, false),
              })}
              value={topic?.body ?? ""}
              isCarriedFromLastYear={topic?.carriedFromLastYear}
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
  const fees = useWatch<TReportTextFormInput, "narrative.other_matters.processingFees">({
    name: "narrative.other_matters.processingFees",
  });
  const parsed = ZProcessingFees.safeParse(fees ?? {});
  const sentence = parsed.success ? processingFeesSentence(parsed.data) : null;
  return sentence ? <p className="generated">将写入正文：{sentence}</p> : null;
}

export function SectionTextStep({ sectionId }: { sectionId: Extract<SectionId, "problems" | "other_matters"> }) {
  const { register, setValue, formState } = useFormContext<TReportTextFormInput>();
  const block = useWatch<TReportTextFormInput, `narrative.${typeof sectionId}`>({ name: `narrative.${sectionId}` });
  const section = getSection(sectionId);
  const feeErrors = formState.errors.narrative?.other_matters?.processingFees;
  return (
    <div className="narrative-step">
      <TextAreaField
        label="正文"
        hint={section.hint}
        registration={register(`narrative.${sectionId}.body`, {
          onChange: () => setValue(`narrative.${sectionId}.carriedFromLastYear`, false),
        })}
        value={block?.body ?? ""}
        isCarriedFromLastYear={block?.carriedFromLastYear}
      />
      {sectionId === "other_matters" && (
        <fieldset>
          <legend>信息处理费（填写后自动写入正文，单位：元）</legend>
          <label className="field">
            发出收费通知件数
            <input {...register("narrative.other_matters.processingFees.noticesIssued", { setValueAs: figureOrNull })} inputMode="numeric" />
          </label>
          <FieldError message={feeErrors?.noticesIssued?.message} />
          <label className="field">
            通知收费金额（元）
            <input {...register("narrative.other_matters.processingFees.noticedAmount", { setValueAs: figureOrNull })} inputMode="decimal" />
          </label>
          <FieldError message={feeErrors?.noticedAmount?.message} />
          <label className="field">
            实际收取金额（元）
            <input {...register("narrative.other_matters.processingFees.collectedAmount", { setValueAs: figureOrNull })} inputMode="decimal" />
          </label>
          <FieldError message={feeErrors?.collectedAmount?.message} />
          <FeesSentence />
        </fieldset>
      )}
    </div>
  );
}
