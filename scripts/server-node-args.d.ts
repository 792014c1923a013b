/** The production server's Node flags (scripts/server-node-args.js). */
export declare const serverNodeArgs: string[];
