/** D2: comments (filled in as its endpoints are built). */
export {};
