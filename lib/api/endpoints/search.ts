/** D2: search (filled in as its endpoints are built). */
export {};
