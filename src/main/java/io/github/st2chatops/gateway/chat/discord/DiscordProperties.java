package io.github.st2chatops.gateway.chat.discord;

import java.net.URI;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * Discord settings. Discord is on when {@code public-key} is set; then
 * {@code application-id} and {@code bot-token} must be set too.
 *
 * @param publicKey the application's public key, 64 hex digits (Developer Portal, General
 * Information); every interaction's Ed25519 signature is checked with it
 * @param applicationId the application id (General Information), a snowflake such as
 * 1100000000000000000
 * @param botToken the bot's token (Bot page), for posting results to channels
 * @param apiUrl Discord's HTTP API base (default https://discord.com/api/v10)
 * @param commandName the name of the slash command the gateway answers (default st2); its
 * one string option is named command
 * @param userField which user identity st2 sees as the requester: id (default, the user's
 * snowflake id) or name (the username)
 * @param messageLimit the longest message before it is split (default 2000, Discord's
 * limit)
 * @param dedupeWindow how long an interaction id is remembered so that a repeated
 * delivery never runs a command twice (default 1h)
 * @param timeout connect and read timeout of calls to Discord (default 10s)
 */
@ConfigurationProperties("gateway.chat.discord")
public record DiscordProperties(String publicKey, String applicationId, String botToken,
		@DefaultValue("https://discord.com/api/v10") URI apiUrl, @DefaultValue("st2") String commandName,
		@DefaultValue("id") UserField userField, @DefaultValue("2000") int messageLimit,
		@DefaultValue("1h") Duration dedupeWindow, @DefaultValue("10s") Duration timeout) {

	/** The property that turns Discord on. */
	static final String PUBLIC_KEY = "gateway.chat.discord.public-key";

	/**
	 * The setting that switches the platform on: without a value, the platform is off.
	 */
	static final String ENABLED_BY = PUBLIC_KEY;

	/** Discord's longest message content. */
	static final int DISCORD_LIMIT = 2000;

	public DiscordProperties {
		publicKey = StringUtils.hasText(publicKey) ? publicKey.strip() : null;
		applicationId = StringUtils.hasText(applicationId) ? applicationId.strip() : null;
		if (publicKey != null) {
			if (publicKey.length() != 64 || !publicKey.chars().allMatch(HexFormat::isHexDigit)) {
				throw new IllegalArgumentException(PUBLIC_KEY
						+ " must be the application's public key: 64 hex digits (Developer Portal, General Information)");
			}
			if (applicationId == null || !applicationId.chars().allMatch(Character::isDigit)
					|| applicationId.length() > 20) {
				throw new IllegalArgumentException("gateway.chat.discord.application-id must be set to the "
						+ "application's id (digits, Developer Portal, General Information) when " + PUBLIC_KEY
						+ " is set");
			}
			if (!StringUtils.hasText(botToken)) {
				throw new IllegalArgumentException("gateway.chat.discord.bot-token must be set when " + PUBLIC_KEY
						+ " is set (the bot's token, Developer Portal, Bot)");
			}
		}
		else if (applicationId != null || StringUtils.hasText(botToken)) {
			throw new IllegalArgumentException(PUBLIC_KEY + " must be set when gateway.chat.discord.application-id or "
					+ "gateway.chat.discord.bot-token is set (the application's public key)");
		}
		if (apiUrl == null || !apiUrl.isAbsolute()
				|| !("https".equals(apiUrl.getScheme()) || "http".equals(apiUrl.getScheme()))
				|| apiUrl.getHost() == null) {
			throw new IllegalArgumentException("gateway.chat.discord.api-url must be an absolute http(s) URL");
		}
		if (!StringUtils.hasText(commandName) || !commandName.matches("[-_\\p{L}\\p{N}]{1,32}")
				|| !commandName.equals(commandName.toLowerCase(Locale.ROOT))) {
			throw new IllegalArgumentException("gateway.chat.discord.command-name must be a Discord command name: "
					+ "1 to 32 lower-case letters, digits, - or _");
		}
		if (messageLimit < 100 || messageLimit > DISCORD_LIMIT) {
			throw new IllegalArgumentException(
					"gateway.chat.discord.message-limit must be between 100 and 2000 (Discord's limit)");
		}
		if (dedupeWindow.compareTo(Duration.ofMinutes(15)) < 0) {
			throw new IllegalArgumentException("gateway.chat.discord.dedupe-window must be at least 15m "
					+ "(an interaction's token lasts 15 minutes)");
		}
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("gateway.chat.discord.timeout must be positive");
		}
	}

	/**
	 * The API base without a trailing slash.
	 * @return the base, e.g. https://discord.com/api/v10
	 */
	String apiBase() {
		String base = this.apiUrl.toString();
		return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
	}

	@Override
	public String toString() {
		return "DiscordProperties[publicKey=" + ((this.publicKey != null) ? this.publicKey : "<unset>")
				+ ", applicationId=" + this.applicationId + ", botToken="
				+ (StringUtils.hasText(this.botToken) ? "******" : "<unset>") + ", apiUrl=" + this.apiUrl
				+ ", commandName=" + this.commandName + ", userField=" + this.userField + ", messageLimit="
				+ this.messageLimit + ", dedupeWindow=" + this.dedupeWindow + ", timeout=" + this.timeout + "]";
	}

	/**
	 * Which of a Discord user's identities st2 sees. Never the display name, which users
	 * change at will.
	 */
	public enum UserField {

		/**
		 * The user's id ({@code 80351110224678912}), stable for the life of the account.
		 */
		ID,

		/** The username ({@code nelly}), unique on Discord. */
		NAME

	}

}
