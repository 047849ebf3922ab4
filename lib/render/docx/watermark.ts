/**
 * The draft watermark as Word writes one (设计 → 水印): a VML WordArt shape in the page
 * header, turned 315°, centred on the 版心, light red, behind the text. It repeats on
 * every page with the header and matches the PDF's diagonal mark.
 */
import { ImportedXmlComponent, type Paragraph } from "docx";
import { escapeXml } from "./xml";

/** Word's WordArt shape type for plain text (PowerPlusWaterMarkObject), as Word itself defines it. */
const TEXT_SHAPE_TYPE =
  '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" path="m@7,l@8,m@5,21600l@6,21600e">' +
  "<v:formulas>" +
  [
    "sum #0 0 10800",
    "prod #0 2 1",
    "sum 21600 0 @1",
    "sum 0 0 @2",
    "sum 21600 0 @3",
    "if @0 @3 0",
    "if @0 21600 @1",
    "if @0 0 @2",
    "if @0 @4 21600",
    "mid @5 @6",
    "mid @8 @5",
    "mid @7 @8",
    "mid @6 @7",
    "sum @6 0 @5",
  ]
    .map((eqn) => `<v:f eqn="${eqn}"/>`)
    .join("") +
  "</v:formulas>" +
  '<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>' +
  '<v:textpath on="t" fitshape="t"/>' +
  '<v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>' +
  '<o:lock v:ext="edit" text="t" shapetype="t"/>' +
  "</v:shapetype>";

export const WATERMARK_SHAPE_ID = "PowerPlusWaterMarkObject";

function watermarkRunXml(text: string, face: string, index: number): string {
  const style = [
    "position:absolute",
    "margin-left:0",
    "margin-top:0",
    "width:440pt",
    "height:88pt",
    "rotation:315",
    "z-index:-251657216",
    "mso-position-horizontal:center",
    "mso-position-horizontal-relative:margin",
    "mso-position-vertical:center",
    "mso-position-vertical-relative:margin",
  ].join(";");
  return (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml" ' +
    'xmlns:o="urn:schemas-microsoft-com:office:office"><w:rPr><w:noProof/></w:rPr><w:pict>' +
    TEXT_SHAPE_TYPE +
    `<v:shape id="${WATERMARK_SHAPE_ID}${index}" o:spid="_x0000_s${2049 + index}" type="#_x0000_t136" style="${style}" ` +
    'o:allowincell="f" fillcolor="#c00000" stroked="f">' +
    '<v:fill opacity=".2"/>' +
    `<v:textpath style="font-family:&quot;${escapeXml(face)}&quot;;font-size:1pt" string="${escapeXml(text)}"/>` +
    "</v:shape></w:pict></w:r>"
  );
}

/** Adds the watermark shape to a header paragraph (each header gets its own shape id). */
export function withWatermark(paragraph: Paragraph, text: string, face: string, index: number): Paragraph {
  paragraph.addChildElement(ImportedXmlComponent.fromXmlString(watermarkRunXml(text, face, index)));
  return paragraph;
}
