"use client";

import { createContext, useContext } from "react";

export type ReviewCommentView = {
  id: string;
  cellId: string | null;
  sectionId: string | null;
  body: string;
  authorName: string;
  createdAt: string;
  resolvedAt: string | null;
};

/** What the editor knows of the report's review: whether it is locked, and the open comments by place. */
export type ReviewState = {
  isLocked: boolean;
  openComments: readonly ReviewCommentView[];
};

export const ReviewContext = createContext<ReviewState>({ isLocked: false, openComments: [] });

export const useReview = () => useContext(ReviewContext);

export const commentsAtCell = (state: ReviewState, cellId: string) =>
  state.openComments.filter((comment) => comment.cellId === cellId);
export const commentsAtSection = (state: ReviewState, sectionId: string) =>
  state.openComments.filter((comment) => comment.sectionId === sectionId);
