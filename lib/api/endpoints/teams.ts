/** D2: teams (filled in as its endpoints are built). */
export {};
