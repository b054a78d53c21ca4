/** D2: files (filled in as its endpoints are built). */
export {};
