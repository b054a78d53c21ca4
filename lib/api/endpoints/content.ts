/** D2: content (filled in as its endpoints are built). */
export {};
