/** D2: people (filled in as its endpoints are built). */
export {};
