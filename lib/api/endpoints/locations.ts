/** D2: locations (filled in as its endpoints are built). */
export {};
