package io.mailferry.dns;

/**
 * Seed step 5, before the switch: the exact records to set, what DNS answers now, and how long resolvers may keep
 * the old answers after the change (the TTLs before it, from the zone's servers, read before anyone changes
 * anything). The SPF include is offered only where adding it to the one SPF record is all it takes.
 *
 * @param mxRecord           Microsoft's MX record as a zone-file line
 * @param mxTargetHost       e.g. {@code contoso-com.mail.protection.outlook.com}
 * @param autodiscoverRecord Microsoft's Autodiscover CNAME as a zone-file line
 * @param currentDnsState    what a resolver answers now for the MX and the Autodiscover name, one line each
 * @param mxTtl              how long resolvers may keep the old MX
 * @param autodiscoverTtl    the same for {@code autodiscover.<domain>} (CNAME or A); a name that did not exist is
 *                           cached as NXDOMAIN, for the zone's negative-caching TTL
 * @param spfTtl             the same for the TXT records of the domain, where the SPF record is
 * @param spf                what adding Microsoft's include to the SPF record means
 * @param spfRecordBefore    the SPF record now as a zone-file line with the TXT TTL, or null when there is not
 *                           exactly one
 * @param spfRecordAfter     the SPF record with the include, or null unless {@link #spfIncludeOffered()}
 */
public record MxSwitchPlan(
        String mxRecord,
        String mxTargetHost,
        String autodiscoverRecord,
        String currentDnsState,
        CachedTtl mxTtl,
        CachedTtl autodiscoverTtl,
        CachedTtl spfTtl,
        SpfRecord spf,
        String spfRecordBefore,
        String spfRecordAfter) {

    /** Whether the operator may choose to have the include added: there is one SPF record and it lacks it. */
    public boolean spfIncludeOffered() {
        return spf.state() == SpfRecord.State.ADD_INCLUDE;
    }

    /** For the operator: what changes in the SPF record, or why nothing does. */
    public String spfStatus() {
        return spf.detail();
    }
}
