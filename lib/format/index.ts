export * from "./active-disclosure-table";
export * from "./applications-table";
export * from "./cell-types";
export * from "./national-tables";
export * from "./reviews-litigation-table";
export * from "./sections";
export * from "./shared-labels";
export * from "./table-layout";
