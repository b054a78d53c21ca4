/** D2: groups (filled in as its endpoints are built). */
export {};
