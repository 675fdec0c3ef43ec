// The sidebar's name for the core's translate function (src/ui/i18n.ts).
export { coreTranslate as tr } from '../i18n';
