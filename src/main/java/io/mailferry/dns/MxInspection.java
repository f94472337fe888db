package io.mailferry.dns;

/**
 * Seed "Reduce email delays": a domain's MX records before the switch and whether their TTL should be lowered
 * first. Resolvers may keep the old MX for as long as its TTL after the switch, so above
 * {@link MicrosoftRecords#RECOMMENDED_MX_TTL} the operator is offered to lower it and wait for the old one to run out.
 *
 * @param ttl                      seconds: the longest MX TTL any of the zone's servers gives, or the zone's
 *                                 negative-caching TTL when there is no MX ({@link DnsLookupService#ttlBeforeChange})
 * @param ttlText                  {@code ttl} for the form, e.g. {@code 1 day}
 * @param aboveRecommended         whether {@code ttl} is longer than the recommended hour
 * @param currentHost              the most preferred MX host, or the domain when it has no MX
 * @param currentRecords           the MX records as zone-file lines with {@code ttl}, one a line, or
 *                                 {@code contoso.com: no MX record}
 * @param recordsAtRecommendedTtl  the same records with a TTL of at most an hour: what to set; empty without MX
 * @param automaticChangeAvailable whether Mailferry can lower the TTL itself ({@link DnsChangeService#lowerMxTtl});
 *                                 otherwise the operator does it at the DNS host
 */
public record MxInspection(
        long ttl,
        String ttlText,
        boolean aboveRecommended,
        String currentHost,
        String currentRecords,
        String recordsAtRecommendedTtl,
        boolean automaticChangeAvailable) {}
