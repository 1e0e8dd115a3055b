package dev.shardwise.domains.platform;

/**
 * What an operator key may do in the running application: {@code ADMIN} reads the fleet's state
 * (the {@code fleet} query), {@code ANALYST} runs reports ({@code reporting}). Granted only by
 * operator keys ({@code shardwise-admin operator-key}), never by an end-user account.
 */
public enum OperatorCapability { ADMIN, ANALYST }
