/** The few libsodium bindings this project uses (sodium-native 4 ships no types). */
declare module 'sodium-native' {
  const sodium: {
    crypto_sign_SECRETKEYBYTES: number;
    crypto_sign_PUBLICKEYBYTES: number;
    crypto_sign_BYTES: number;
    crypto_sign_seed_keypair(publicKey: Uint8Array, secretKey: Uint8Array, seed: Uint8Array): void;
    crypto_sign_detached(signature: Uint8Array, message: Uint8Array, secretKey: Uint8Array): void;
    /** A buffer in guarded memory (mlocked, guard pages), freed when collected. */
    sodium_malloc(size: number): Buffer;
    sodium_memzero(buffer: Uint8Array): void;
    sodium_mprotect_readonly(buffer: Buffer): void;
  };
  export default sodium;
}
