export * from "./content";
export * from "./groups";
export * from "./locations";
export * from "./people";
export * from "./sections";
export * from "./settings";
export * from "./teams";
