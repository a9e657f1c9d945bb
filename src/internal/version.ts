/** The library's version, sent in the `User-Agent` header; a test keeps it equal to package.json's. */
export const libraryVersion = "0.1.0"
