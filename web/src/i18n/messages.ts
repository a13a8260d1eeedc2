/**
 * Message catalogues, one JSON file per namespace and locale under `web/messages/<locale>/`.
 * To add a namespace: create `messages/en/<ns>.json` and `messages/de/<ns>.json` and list them here.
 */
import deAdmin from "../../messages/de/admin.json";
import deAuth from "../../messages/de/auth.json";
import deCatalog from "../../messages/de/catalog.json";
import deCertificates from "../../messages/de/certificates.json";
import deCheckout from "../../messages/de/checkout.json";
import deCommon from "../../messages/de/common.json";
import deEnrollment from "../../messages/de/enrollment.json";
import deEarnings from "../../messages/de/earnings.json";
import deLearning from "../../messages/de/learning.json";
import deReviews from "../../messages/de/reviews.json";
import deStudio from "../../messages/de/studio.json";
import deSchool from "../../messages/de/school.json";
import deWallet from "../../messages/de/wallet.json";
import enAdmin from "../../messages/en/admin.json";
import enAuth from "../../messages/en/auth.json";
import enCatalog from "../../messages/en/catalog.json";
import enCertificates from "../../messages/en/certificates.json";
import enCheckout from "../../messages/en/checkout.json";
import enCommon from "../../messages/en/common.json";
import enEnrollment from "../../messages/en/enrollment.json";
import enEarnings from "../../messages/en/earnings.json";
import enLearning from "../../messages/en/learning.json";
import enReviews from "../../messages/en/reviews.json";
import enStudio from "../../messages/en/studio.json";
import enSchool from "../../messages/en/school.json";
import enWallet from "../../messages/en/wallet.json";
import type { Locale } from "./config";

export const MESSAGES = {
  en: {
    common: enCommon,
    catalog: enCatalog,
    auth: enAuth,
    wallet: enWallet,
    earnings: enEarnings,
    checkout: enCheckout,
    studio: enStudio,
    enrollment: enEnrollment,
    learning: enLearning,
    reviews: enReviews,
    certificates: enCertificates,
    admin: enAdmin,
    school: enSchool,
  },
  de: {
    common: deCommon,
    catalog: deCatalog,
    auth: deAuth,
    wallet: deWallet,
    earnings: deEarnings,
    checkout: deCheckout,
    studio: deStudio,
    enrollment: deEnrollment,
    learning: deLearning,
    reviews: deReviews,
    certificates: deCertificates,
    admin: deAdmin,
    school: deSchool,
  },
} satisfies Record<Locale, Record<string, unknown>>;

export type Messages = (typeof MESSAGES)["en"];
