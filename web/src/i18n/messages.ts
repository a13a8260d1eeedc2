/**
 * Message catalogues, one JSON file per namespace and locale under `web/messages/<locale>/`.
 * To add a namespace: create `messages/<locale>/<ns>.json` for every locale in LOCALES and list them here.
 * `config.test.ts` fails when a catalogue lacks a key of the English one, has an extra key, or a message's ICU
 * arguments differ from the English message's.
 */
import enAdmin from "../../messages/en/admin.json";
import enAuth from "../../messages/en/auth.json";
import enCatalog from "../../messages/en/catalog.json";
import enCertificates from "../../messages/en/certificates.json";
import enCheckout from "../../messages/en/checkout.json";
import enCommon from "../../messages/en/common.json";
import enEarnings from "../../messages/en/earnings.json";
import enEnrollment from "../../messages/en/enrollment.json";
import enLearning from "../../messages/en/learning.json";
import enQa from "../../messages/en/qa.json";
import enReviews from "../../messages/en/reviews.json";
import enSchool from "../../messages/en/school.json";
import enStorefront from "../../messages/en/storefront.json";
import enStudio from "../../messages/en/studio.json";
import enWallet from "../../messages/en/wallet.json";
import deAdmin from "../../messages/de/admin.json";
import deAuth from "../../messages/de/auth.json";
import deCatalog from "../../messages/de/catalog.json";
import deCertificates from "../../messages/de/certificates.json";
import deCheckout from "../../messages/de/checkout.json";
import deCommon from "../../messages/de/common.json";
import deEarnings from "../../messages/de/earnings.json";
import deEnrollment from "../../messages/de/enrollment.json";
import deLearning from "../../messages/de/learning.json";
import deQa from "../../messages/de/qa.json";
import deReviews from "../../messages/de/reviews.json";
import deSchool from "../../messages/de/school.json";
import deStorefront from "../../messages/de/storefront.json";
import deStudio from "../../messages/de/studio.json";
import deWallet from "../../messages/de/wallet.json";
import trAdmin from "../../messages/tr/admin.json";
import trAuth from "../../messages/tr/auth.json";
import trCatalog from "../../messages/tr/catalog.json";
import trCertificates from "../../messages/tr/certificates.json";
import trCheckout from "../../messages/tr/checkout.json";
import trCommon from "../../messages/tr/common.json";
import trEarnings from "../../messages/tr/earnings.json";
import trEnrollment from "../../messages/tr/enrollment.json";
import trLearning from "../../messages/tr/learning.json";
import trQa from "../../messages/tr/qa.json";
import trReviews from "../../messages/tr/reviews.json";
import trSchool from "../../messages/tr/school.json";
import trStorefront from "../../messages/tr/storefront.json";
import trStudio from "../../messages/tr/studio.json";
import trWallet from "../../messages/tr/wallet.json";
import frAdmin from "../../messages/fr/admin.json";
import frAuth from "../../messages/fr/auth.json";
import frCatalog from "../../messages/fr/catalog.json";
import frCertificates from "../../messages/fr/certificates.json";
import frCheckout from "../../messages/fr/checkout.json";
import frCommon from "../../messages/fr/common.json";
import frEarnings from "../../messages/fr/earnings.json";
import frEnrollment from "../../messages/fr/enrollment.json";
import frLearning from "../../messages/fr/learning.json";
import frQa from "../../messages/fr/qa.json";
import frReviews from "../../messages/fr/reviews.json";
import frSchool from "../../messages/fr/school.json";
import frStorefront from "../../messages/fr/storefront.json";
import frStudio from "../../messages/fr/studio.json";
import frWallet from "../../messages/fr/wallet.json";
import esAdmin from "../../messages/es/admin.json";
import esAuth from "../../messages/es/auth.json";
import esCatalog from "../../messages/es/catalog.json";
import esCertificates from "../../messages/es/certificates.json";
import esCheckout from "../../messages/es/checkout.json";
import esCommon from "../../messages/es/common.json";
import esEarnings from "../../messages/es/earnings.json";
import esEnrollment from "../../messages/es/enrollment.json";
import esLearning from "../../messages/es/learning.json";
import esQa from "../../messages/es/qa.json";
import esReviews from "../../messages/es/reviews.json";
import esSchool from "../../messages/es/school.json";
import esStorefront from "../../messages/es/storefront.json";
import esStudio from "../../messages/es/studio.json";
import esWallet from "../../messages/es/wallet.json";
import type { Locale } from "./config";

export const MESSAGES = {
  en: {
    admin: enAdmin,
    auth: enAuth,
    catalog: enCatalog,
    certificates: enCertificates,
    checkout: enCheckout,
    common: enCommon,
    earnings: enEarnings,
    enrollment: enEnrollment,
    learning: enLearning,
    qa: enQa,
    reviews: enReviews,
    school: enSchool,
    storefront: enStorefront,
    studio: enStudio,
    wallet: enWallet,
  },
  de: {
    admin: deAdmin,
    auth: deAuth,
    catalog: deCatalog,
    certificates: deCertificates,
    checkout: deCheckout,
    common: deCommon,
    earnings: deEarnings,
    enrollment: deEnrollment,
    learning: deLearning,
    qa: deQa,
    reviews: deReviews,
    school: deSchool,
    storefront: deStorefront,
    studio: deStudio,
    wallet: deWallet,
  },
  tr: {
    admin: trAdmin,
    auth: trAuth,
    catalog: trCatalog,
    certificates: trCertificates,
    checkout: trCheckout,
    common: trCommon,
    earnings: trEarnings,
    enrollment: trEnrollment,
    learning: trLearning,
    qa: trQa,
    reviews: trReviews,
    school: trSchool,
    storefront: trStorefront,
    studio: trStudio,
    wallet: trWallet,
  },
  fr: {
    admin: frAdmin,
    auth: frAuth,
    catalog: frCatalog,
    certificates: frCertificates,
    checkout: frCheckout,
    common: frCommon,
    earnings: frEarnings,
    enrollment: frEnrollment,
    learning: frLearning,
    qa: frQa,
    reviews: frReviews,
    school: frSchool,
    storefront: frStorefront,
    studio: frStudio,
    wallet: frWallet,
  },
  es: {
    admin: esAdmin,
    auth: esAuth,
    catalog: esCatalog,
    certificates: esCertificates,
    checkout: esCheckout,
    common: esCommon,
    earnings: esEarnings,
    enrollment: esEnrollment,
    learning: esLearning,
    qa: esQa,
    reviews: esReviews,
    school: esSchool,
    storefront: esStorefront,
    studio: esStudio,
    wallet: esWallet,
  },
} satisfies Record<Locale, Record<string, unknown>>;

export type Messages = (typeof MESSAGES)["en"];
