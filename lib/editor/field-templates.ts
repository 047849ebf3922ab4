import { overviewTopics, type SectionId } from "@/lib/format";
import { type NarrativeTemplate, narrativeTemplates } from "@/lib/narrative/templates";

/**
 * The sentence templates offered in a field: those written in its section and topic. A topic
 * is recognised by the national topic's title in its own (依申请公开情况 is 依申请公开).
 */
export function fieldTemplates(sectionId: SectionId, topicTitle: string | null): NarrativeTemplate[] {
  if (topicTitle === null) return [];
  return narrativeTemplates.filter((template) => {
    if (template.sectionId !== sectionId) return false;
    const topic = overviewTopics.find((candidate) => candidate.key === template.topicKey);
    return topic !== undefined && topicTitle.includes(topic.title);
  });
}
