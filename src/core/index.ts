/** The domain core: rates, recommendation, pricing and quotes. No Office, React or DOM in here. */
export * from "./inputs";
export * from "./pricing";
export * from "./quote";
export * from "./rates";
export * from "./recommendation";
