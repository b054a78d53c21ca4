/** D2: tags (filled in as its endpoints are built). */
export {};
