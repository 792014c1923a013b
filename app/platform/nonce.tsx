import { createContext, useContext } from "react";

// The Content-Security-Policy nonce exists only while the server renders a document; in the
// browser it reads as "" (browsers hide nonces from the DOM), which is what React expects.
const NonceContext = createContext("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
