package org.odsharvester.job;

import java.util.List;

import javax.sql.DataSource;

import org.odsharvester.mapping.KnownLicense;
import org.odsharvester.mapping.LicenseGuesser;
import org.odsharvester.ods.OdsCatalogApiResolver;
import org.odsharvester.ods.OdsClient;
import org.odsharvester.ods.OdsProperties;
import org.odsharvester.udata.DatasetIndex;
import org.odsharvester.udata.PlanScratch;
import org.odsharvester.udata.TargetOrganization;
import org.odsharvester.udata.UdataClient;
import org.odsharvester.udata.UdataProperties;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/** One client per remote system, each with the project's User-Agent. */
@Configuration(proxyBeanMethods = false)
public class ClientsConfiguration {

    @Bean
    UserAgent userAgent(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        return new UserAgent("ods-harvester/" + (properties == null ? "dev" : properties.getVersion())
                + " (+https://github.com/odsharvester/ods-harvester)");
    }

    @Bean
    OdsClient odsClient(OdsProperties ods, RestTemplateBuilder builder, UserAgent userAgent) {
        return new OdsClient(ods, builder, userAgent.value());
    }

    @Bean
    OdsCatalogApiResolver odsCatalogApiResolver(OdsClient odsClient, OdsProperties ods) {
        return new OdsCatalogApiResolver(odsClient, ods);
    }

    /** Lazy: a dry run may have no udata at all. */
    @Bean
    @Lazy
    UdataClient udataClient(UdataProperties udata, RestTemplateBuilder builder, UserAgent userAgent) {
        return new UdataClient(udata, builder, userAgent.value());
    }

    @Bean
    @Lazy
    DatasetIndex datasetIndex(DataSource dataSource, UdataProperties udata, TargetOrganization organization,
            HarvestProperties harvest) {
        String key = DatasetIndex.targetKey(udata.url(), organization.id());
        // a plan works on its own copy (PlanScratch): what it rebuilds and evaluates moves nothing a run reads
        return new DatasetIndex(dataSource, harvest.plan() ? PlanScratch.planKey(key) : key);
    }

    /** The target's licenses are read once per execution; a dry run without udata uses the built-in table. */
    @Bean
    @JobScope
    LicenseGuesser licenseGuesser(UdataProperties udata, HarvestProperties harvest,
            ObjectProvider<UdataClient> udataClient) {
        List<KnownLicense> known = udata.url() == null ? List.of() : udataClient.getObject().licenses();
        return new LicenseGuesser(known, harvest.defaultLicense());
    }

    /** {@code ods-harvester/<version>}, sent with every request. */
    public record UserAgent(String value) {
    }
}
