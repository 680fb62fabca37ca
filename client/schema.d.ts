/**
 * The connector-hub API's types, generated from openapi.json by openapi-typescript.
 * Do not edit: run `npm run openapi` in the connector-hub repository.
 */

export interface paths {
    "/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getCurrentPrincipal"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getLiveness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tenantintegrations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listTenantIntegrations"];
        put?: never;
        post: operations["createTenantIntegration"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tenantintegrations/{tenantintegration}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getTenantIntegration"];
        put: operations["replaceTenantIntegration"];
        post?: never;
        delete: operations["deleteTenantIntegration"];
        options?: never;
        head?: never;
        patch: operations["patchTenantIntegration"];
        trace?: never;
    };
    "/tenantintegrations/{tenantintegration}/configs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listTenantConfigs"];
        put: operations["saveTenantConfigs"];
        post: operations["createTenantConfig"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tenantintegrations/{tenantintegration}/configs/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listTenantConfigVersions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tenantintegrations/{tenantintegration}/configs/{config}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getTenantConfig"];
        put: operations["replaceTenantConfig"];
        post?: never;
        delete: operations["deleteTenantConfig"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tenantintegrations/{tenantintegration}/configs/{config}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listTenantConfigHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tenantintegrations/{tenantintegration}/configs/{config}/versions/{version}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["restoreTenantConfigVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connectors/{connector}/partnertenants/{partnerTenant}/configs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listPartnerTenantConfigs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tenantintegrations/{tenantintegration}/clone": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["cloneTenantIntegration"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connectors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listConnectors"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connectors/{connector}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getConnector"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listConnections"];
        put?: never;
        post: operations["createConnection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connections/{connectionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getConnection"];
        put: operations["updateConnection"];
        post?: never;
        delete: operations["deleteConnection"];
        options?: never;
        head: operations["headConnection"];
        patch: operations["patchConnection"];
        trace?: never;
    };
    "/connections/{connectionId}/credentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: operations["putConnectionCredentials"];
        post?: never;
        delete: operations["deleteConnectionCredentials"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connections/{connectionId}/authorize": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["authorizeConnection"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oauth/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["oauthStartPage"];
        put?: never;
        post: operations["oauthStart"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oauth/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["oauthCallback"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listWebhooks"];
        put?: never;
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/{webhookId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getWebhook"];
        put?: never;
        post?: never;
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/{webhookId}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["redeliverWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connections/{connectionId}/syncs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listSyncs"];
        put?: never;
        post: operations["triggerSync"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connections/{connectionId}/syncs/{syncId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getSync"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connections/{connectionId}/syncs/{syncId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["cancelSync"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connections/{connectionId}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getConnectionStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connections/{connectionId}/streams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listStreams"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connections/{connectionId}/streams/{stream}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: operations["moveCheckpoint"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connections/{connectionId}/streams/{stream}/checkpoint": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["resetCheckpoint"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connections/{connectionId}/transactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listTransactions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connections/{connectionId}/transactions/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["summarizeTransactions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connections/{connectionId}/transactions/{transactionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getTransaction"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connections/{connectionId}/records": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listRecords"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connections/{connectionId}/reconciliations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listReconciliations"];
        put?: never;
        post: operations["requestReconciliation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connections/{connectionId}/reconciliations/schedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getReconciliationSchedule"];
        put: operations["setReconciliationSchedule"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connections/{connectionId}/reconciliations/{reconciliationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getReconciliation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connections/{connectionId}/reconciliations/{reconciliationId}/repair": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["repairReconciliation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connections/{connectionId}/activities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listActivities"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connections/{connectionId}/baditems": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listBadItems"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/errors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["listErrors"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connector": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getConnectorState"];
        put: operations["setConnectorState"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        PrincipalDto: {
            /** @example user1@companyXyz.com */
            subject: string;
            /**
             * @description service = the static avalara_to_extractor token
             * @example jwt
             * @enum {string}
             */
            kind: "jwt" | "service";
            /**
             * @example [
             *       "ConnTenantConfigApi:TenantConfig:Read"
             *     ]
             */
            scopes: string[];
            /**
             * @description Tenants the caller may act for; "all" for the service token
             * @example [
             *       "1a855cf0-d29b-4fb2-a238-abd2c0d03856"
             *     ]
             */
            tenants: string[] | "all";
        };
        FieldErrorDto: {
            /** @example pageSize */
            field: string;
            /** @example pageSize must not be greater than 100 */
            message: string;
        };
        ProblemDto: {
            /**
             * Format: uri
             * @example urn:connector-hub:problem:request.validation-failed
             */
            type: string;
            /** @example Bad Request */
            title: string;
            /** @example 400 */
            status: number;
            /** @example The request is invalid: pageSize: pageSize must not be greater than 100 */
            detail: string;
            /**
             * @description The request path this problem occurred on
             * @example /tenantintegrations
             */
            instance: string;
            /**
             * Format: date-time
             * @example 2022-10-28T18:39:21.000Z
             */
            timestamp: string;
            /**
             * @description Also sent as the x-request-id header and in every log line of the request
             * @example e68cae3b-3c77-4fed-93d3-1765c24fd6e8
             */
            traceId: string;
            /**
             * @description Stable machine-readable code
             * @example REQUEST.VALIDATION_FAILED
             */
            code?: string;
            /**
             * @description The caller (subject) that encountered the problem
             * @example user1@companyXyz.com
             */
            encounteredBy?: string;
            /**
             * @deprecated
             * @description Same as encounteredBy, spelled as in the tenant-config spec
             * @example user1@companyXyz.com
             */
            ecnounteredBy?: string;
            /** @description Present on validation problems: one entry per invalid field */
            errors?: components["schemas"]["FieldErrorDto"][];
            /**
             * @description Present on version conflicts: the resource version to retry with
             * @example 3
             */
            currentVersion?: number;
        };
        HealthDto: {
            /**
             * @example ok
             * @enum {string}
             */
            status: "ok" | "error" | "shutting_down";
            /**
             * @example {
             *       "database": {
             *         "status": "up"
             *       }
             *     }
             */
            info: {
                [key: string]: unknown;
            };
            /** @example {} */
            error: {
                [key: string]: unknown;
            };
            /**
             * @example {
             *       "database": {
             *         "status": "up"
             *       }
             *     }
             */
            details: {
                [key: string]: unknown;
            };
        };
        InstallStepDto: {
            /** @example BigCommerce Connection */
            name: string;
            /** @example Configure BigCommerce store credentials */
            description?: string | null;
            /** @example /images/company-logos/BigCommerce.png */
            imageURL?: string | null;
            /** @example  */
            installURL?: string | null;
            /**
             * @description Default false
             * @example false
             */
            completed?: boolean | null;
            /** @example verifyBigCommerceConnection */
            installerFunction?: string | null;
            /** @example deleteBigCommerceConnection */
            uninstallerFunction?: string | null;
            /** @example 56fd5ad0945g2345c4e678aca76 */
            connectionId?: string | null;
        };
        TenantIntegrationDto: {
            /**
             * Format: uuid
             * @example 9fe70c57-4815-4247-8ec8-0d886277e93a
             */
            id: string;
            /**
             * @description Starts at 0, +1 per change; send it back (If-Match or body) to update
             * @example 0
             */
            version: number;
            /**
             * Format: date-time
             * @example 2022-10-28T18:39:21.000Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @example 2022-10-29T18:39:21.000Z
             */
            updatedAt: string;
            /** @example user1@companyXyz.com */
            createdBy: string;
            /** @example user2@companyXyz.com */
            updatedBy: string;
            /**
             * Format: uuid
             * @example cd671e55-9575-4a25-8b1b-2e85b5867059
             */
            client?: Record<string, never> | null;
            /** @example Company xyz */
            clientName?: Record<string, never> | null;
            /**
             * Format: uuid
             * @example 1a855cf0-d29b-4fb2-a238-abd2c0d03856
             */
            tenant: string;
            /** @example Company xyz (North America) */
            tenantName?: Record<string, never> | null;
            /** @example 4d6696e4-f2cb-4eb3-8d8b-15fdd19bf4ee */
            partnerTenant?: Record<string, never> | null;
            /** @example Partner 1 (North America) */
            partnerTenantName?: Record<string, never> | null;
            /** @example partnerProduct123-vertexProductAbc */
            name: string;
            /** @example BIGCOMMERCE_OSERIES */
            connector: string;
            /**
             * @example settings
             * @enum {string}
             */
            mode: "install" | "settings" | "uninstall";
            /**
             * @example {
             *       "sections": []
             *     }
             */
            settings: {
                [key: string]: unknown;
            };
            /** @example 1.0.1 */
            connectorVersion?: Record<string, never> | null;
            /** @example false */
            updateInProgress: boolean;
            install: components["schemas"]["InstallStepDto"][];
        };
        PageMetaDto: {
            /** @example 0 */
            number: number;
            /** @example 20 */
            size: number;
            /** @example 42 */
            totalElements: number;
            /** @example 3 */
            totalPages: number;
        };
        TenantIntegrationPage: {
            content: components["schemas"]["TenantIntegrationDto"][];
            page: components["schemas"]["PageMetaDto"];
        };
        TenantIntegrationPayload: {
            /** @example partnerProduct123-vertexProductAbc */
            name: string;
            /**
             * Format: uuid
             * @description Vertex customer internal identifier
             * @example cd671e55-9575-4a25-8b1b-2e85b5867059
             */
            client?: string | null;
            /** @example Company xyz */
            clientName?: string | null;
            /**
             * Format: uuid
             * @description The customer's subscription; cannot change after creation
             * @example 1a855cf0-d29b-4fb2-a238-abd2c0d03856
             */
            tenant: string;
            /** @example Company xyz (North America) */
            tenantName?: string | null;
            /**
             * @description Subscription identifier in the partner system; cannot change after creation
             * @example 4d6696e4-f2cb-4eb3-8d8b-15fdd19bf4ee
             */
            partnerTenant?: string | null;
            /** @example Partner product 123 for Company xyz (North America) */
            partnerTenantName?: string | null;
            /**
             * @description Cannot change after creation
             * @example BIGCOMMERCE_OSERIES
             * @enum {string}
             */
            connector: "BIGCOMMERCE_OSERIES" | "SAPTAX_OSERIES" | "ARIBA2_OSERIES";
            /**
             * @description Default: install while any install step is incomplete, else settings
             * @example install
             * @enum {string|null}
             */
            mode?: "install" | "settings" | "uninstall" | null;
            /**
             * @example {
             *       "commonresources": {
             *         "bigcommerceConnectionId": "56fd5ad09a67g564e678aca76"
             *       }
             *     }
             */
            settings?: {
                [key: string]: unknown;
            } | null;
            /**
             * @description The integration API's `version`: the connector version installed
             * @example 1.0.1
             */
            connectorVersion?: string | null;
            /**
             * @description While true, configuration writes under this integration are refused
             * @example false
             */
            updateInProgress?: boolean | null;
            install?: components["schemas"]["InstallStepDto"][] | null;
            /**
             * @description Expected current version (alternative to If-Match)
             * @example 2
             */
            version?: number | null;
        };
        TenantIntegrationPatch: {
            /** @example partnerProduct123-vertexProductAbc */
            name?: string;
            /**
             * Format: uuid
             * @description Vertex customer internal identifier
             * @example cd671e55-9575-4a25-8b1b-2e85b5867059
             */
            client?: string | null;
            /** @example Company xyz */
            clientName?: string | null;
            /**
             * Format: uuid
             * @description The customer's subscription; cannot change after creation
             * @example 1a855cf0-d29b-4fb2-a238-abd2c0d03856
             */
            tenant?: string;
            /** @example Company xyz (North America) */
            tenantName?: string | null;
            /**
             * @description Subscription identifier in the partner system; cannot change after creation
             * @example 4d6696e4-f2cb-4eb3-8d8b-15fdd19bf4ee
             */
            partnerTenant?: string | null;
            /** @example Partner product 123 for Company xyz (North America) */
            partnerTenantName?: string | null;
            /**
             * @description Cannot change after creation
             * @example BIGCOMMERCE_OSERIES
             * @enum {string}
             */
            connector?: "BIGCOMMERCE_OSERIES" | "SAPTAX_OSERIES" | "ARIBA2_OSERIES";
            /**
             * @description Default: install while any install step is incomplete, else settings
             * @example install
             * @enum {string|null}
             */
            mode?: "install" | "settings" | "uninstall" | null;
            /**
             * @example {
             *       "commonresources": {
             *         "bigcommerceConnectionId": "56fd5ad09a67g564e678aca76"
             *       }
             *     }
             */
            settings?: {
                [key: string]: unknown;
            } | null;
            /**
             * @description The integration API's `version`: the connector version installed
             * @example 1.0.1
             */
            connectorVersion?: string | null;
            /**
             * @description While true, configuration writes under this integration are refused
             * @example false
             */
            updateInProgress?: boolean | null;
            install?: components["schemas"]["InstallStepDto"][] | null;
            /**
             * @description Expected current version (alternative to If-Match)
             * @example 2
             */
            version?: number | null;
        };
        TenantConfigPayload: {
            /**
             * Format: uuid
             * @description Default: the tenant integration’s client
             * @example cd671e55-9575-4a25-8b1b-2e85b5867059
             */
            client?: string | null;
            /** @example Company xyz */
            clientName?: string | null;
            /**
             * Format: uuid
             * @description Must be the tenant integration’s tenant; filled from it when omitted
             * @example 1a855cf0-d29b-4fb2-a238-abd2c0d03856
             */
            tenant?: string | null;
            /** @example Company xyz (North America) */
            tenantName?: string | null;
            /**
             * @description Must be the tenant integration’s partner tenant; filled from it when omitted
             * @example 4d6696e4-f2cb-4eb3-8d8b-15fdd19bf4ee
             */
            partnerTenant?: string | null;
            /** @example Partner 1 (North America) */
            partnerTenantName?: string | null;
            /**
             * Format: uuid
             * @description Integration identifier; default: the tenant integration’s id
             * @example 8db08c8e-4474-45c9-9fba-d89e05a549ce
             */
            integration?: string | null;
            /** @example partner1-vertexProductAbc */
            integrationName?: string | null;
            /**
             * @description Parameter group
             * @example messageLogConfigs
             */
            group?: string | null;
            /**
             * @description Unique per (tenant, integration) within the owning tenant (so also per (partnerTenant, integration) within it)
             * @example messageLogEnabled
             */
            name: string;
            /** @example Enable Message Logging */
            label?: string | null;
            /** @example This parameter is used to control message logging feature */
            description?: string | null;
            /**
             * @description Stringified value. On update: omitted, or the mask "********" for a sensitive parameter, keeps the stored value.
             * @example true
             */
            value?: string | null;
            /**
             * @description Encrypted at rest and masked in responses. Turning it off requires a new value.
             * @example false
             */
            sensitive?: boolean | null;
            /**
             * @description Must be the tenant integration’s connector
             * @example BIGCOMMERCE_OSERIES
             * @enum {string|null}
             */
            connector?: "BIGCOMMERCE_OSERIES" | "SAPTAX_OSERIES" | "ARIBA2_OSERIES" | null;
            /**
             * @description Expected current version on update (alternative to If-Match)
             * @example 2
             */
            version?: number | null;
        };
        TenantConfigDto: {
            /**
             * Format: uuid
             * @example 9fe70c57-4815-4247-8ec8-0d886277e93a
             */
            id: string;
            /**
             * @description Starts at 0, +1 per change; send it back (If-Match or body) to update
             * @example 0
             */
            version: number;
            /**
             * Format: date-time
             * @example 2022-10-28T18:39:21.000Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @example 2022-10-29T18:39:21.000Z
             */
            updatedAt: string;
            /** @example user1@companyXyz.com */
            createdBy: string;
            /** @example user2@companyXyz.com */
            updatedBy: string;
            /**
             * Format: uuid
             * @example cd671e55-9575-4a25-8b1b-2e85b5867059
             */
            client?: Record<string, never> | null;
            /** @example Company xyz */
            clientName?: Record<string, never> | null;
            /**
             * Format: uuid
             * @example 1a855cf0-d29b-4fb2-a238-abd2c0d03856
             */
            tenant: string;
            /** @example Company xyz (North America) */
            tenantName?: Record<string, never> | null;
            /** @example 4d6696e4-f2cb-4eb3-8d8b-15fdd19bf4ee */
            partnerTenant?: Record<string, never> | null;
            /** @example Partner 1 (North America) */
            partnerTenantName?: Record<string, never> | null;
            /**
             * Format: uuid
             * @example 8db08c8e-4474-45c9-9fba-d89e05a549ce
             */
            integration: string;
            /** @example partner1-vertexProductAbc */
            integrationName?: Record<string, never> | null;
            /** @example messageLogConfigs */
            group?: Record<string, never> | null;
            /** @example messageLogEnabled */
            name: string;
            /** @example Enable Message Logging */
            label?: Record<string, never> | null;
            /** @example This parameter is used to control message logging feature */
            description?: Record<string, never> | null;
            /**
             * @description "********" for a sensitive value unless revealed
             * @example true
             */
            value?: Record<string, never> | null;
            /** @example false */
            sensitive: boolean;
            /** @example BIGCOMMERCE_OSERIES */
            connector: string;
            /**
             * Format: uuid
             * @description The tenant integration this config belongs to
             * @example 8db08c8e-4474-45c9-9fba-d89e05a549ce
             */
            tenantIntegration: string;
        };
        TenantConfigPage: {
            content: components["schemas"]["TenantConfigDto"][];
            page: components["schemas"]["PageMetaDto"];
        };
        BulkConfigItem: {
            /**
             * Format: uuid
             * @description Default: the tenant integration’s client
             * @example cd671e55-9575-4a25-8b1b-2e85b5867059
             */
            client?: string | null;
            /** @example Company xyz */
            clientName?: string | null;
            /**
             * Format: uuid
             * @description Must be the tenant integration’s tenant; filled from it when omitted
             * @example 1a855cf0-d29b-4fb2-a238-abd2c0d03856
             */
            tenant?: string | null;
            /** @example Company xyz (North America) */
            tenantName?: string | null;
            /**
             * @description Must be the tenant integration’s partner tenant; filled from it when omitted
             * @example 4d6696e4-f2cb-4eb3-8d8b-15fdd19bf4ee
             */
            partnerTenant?: string | null;
            /** @example Partner 1 (North America) */
            partnerTenantName?: string | null;
            /**
             * Format: uuid
             * @description Integration identifier; default: the tenant integration’s id
             * @example 8db08c8e-4474-45c9-9fba-d89e05a549ce
             */
            integration?: string | null;
            /** @example partner1-vertexProductAbc */
            integrationName?: string | null;
            /**
             * @description Parameter group
             * @example messageLogConfigs
             */
            group?: string | null;
            /**
             * @description Unique per (tenant, integration) within the owning tenant (so also per (partnerTenant, integration) within it)
             * @example messageLogEnabled
             */
            name: string;
            /** @example Enable Message Logging */
            label?: string | null;
            /** @example This parameter is used to control message logging feature */
            description?: string | null;
            /**
             * @description Stringified value. On update: omitted, or the mask "********" for a sensitive parameter, keeps the stored value.
             * @example true
             */
            value?: string | null;
            /**
             * @description Encrypted at rest and masked in responses. Turning it off requires a new value.
             * @example false
             */
            sensitive?: boolean | null;
            /**
             * @description Must be the tenant integration’s connector
             * @example BIGCOMMERCE_OSERIES
             * @enum {string|null}
             */
            connector?: "BIGCOMMERCE_OSERIES" | "SAPTAX_OSERIES" | "ARIBA2_OSERIES" | null;
            /**
             * @description Expected current version on update (alternative to If-Match)
             * @example 2
             */
            version?: number | null;
            /**
             * Format: uuid
             * @description Config to update; omit to create one
             * @example 9fe70c57-4815-4247-8ec8-0d886277e93a
             */
            id?: string | null;
        };
        BulkConfigPayload: {
            configs: components["schemas"]["BulkConfigItem"][];
        };
        BulkConfigResult: {
            /** @description The configs as saved, in the order sent */
            content: components["schemas"]["TenantConfigDto"][];
        };
        TenantConfigVersionDto: {
            /**
             * Format: uuid
             * @example 9fe70c57-4815-4247-8ec8-0d886277e93a
             */
            id: string;
            /**
             * @description Starts at 0, +1 per change; send it back (If-Match or body) to update
             * @example 0
             */
            version: number;
            /**
             * Format: date-time
             * @example 2022-10-28T18:39:21.000Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @example 2022-10-29T18:39:21.000Z
             */
            updatedAt: string;
            /** @example user1@companyXyz.com */
            createdBy: string;
            /** @example user2@companyXyz.com */
            updatedBy: string;
            /**
             * Format: uuid
             * @example cd671e55-9575-4a25-8b1b-2e85b5867059
             */
            client?: Record<string, never> | null;
            /** @example Company xyz */
            clientName?: Record<string, never> | null;
            /**
             * Format: uuid
             * @example 1a855cf0-d29b-4fb2-a238-abd2c0d03856
             */
            tenant: string;
            /** @example Company xyz (North America) */
            tenantName?: Record<string, never> | null;
            /** @example 4d6696e4-f2cb-4eb3-8d8b-15fdd19bf4ee */
            partnerTenant?: Record<string, never> | null;
            /** @example Partner 1 (North America) */
            partnerTenantName?: Record<string, never> | null;
            /**
             * Format: uuid
             * @example 8db08c8e-4474-45c9-9fba-d89e05a549ce
             */
            integration: string;
            /** @example partner1-vertexProductAbc */
            integrationName?: Record<string, never> | null;
            /** @example messageLogConfigs */
            group?: Record<string, never> | null;
            /** @example messageLogEnabled */
            name: string;
            /** @example Enable Message Logging */
            label?: Record<string, never> | null;
            /** @example This parameter is used to control message logging feature */
            description?: Record<string, never> | null;
            /**
             * @description "********" for a sensitive value unless revealed
             * @example true
             */
            value?: Record<string, never> | null;
            /** @example false */
            sensitive: boolean;
            /** @example BIGCOMMERCE_OSERIES */
            connector: string;
            /**
             * Format: uuid
             * @description The tenant integration this config belongs to
             * @example 8db08c8e-4474-45c9-9fba-d89e05a549ce
             */
            tenantIntegration: string;
            /**
             * Format: uuid
             * @description The config this is a version of
             * @example 9fe70c57-4815-4247-8ec8-0d886277e93a
             */
            tenantConfig: string;
            /**
             * @example update
             * @enum {string}
             */
            operation: "create" | "update" | "delete" | "restore";
        };
        TenantConfigVersionPage: {
            content: components["schemas"]["TenantConfigVersionDto"][];
            page: components["schemas"]["PageMetaDto"];
        };
        CloneTenantIntegrationPayload: {
            /** @example partnerProduct123-vertexProductAbc */
            name?: string;
            /**
             * Format: uuid
             * @description Vertex customer internal identifier
             * @example cd671e55-9575-4a25-8b1b-2e85b5867059
             */
            client?: string | null;
            /** @example Company xyz */
            clientName?: string | null;
            /**
             * Format: uuid
             * @description The customer's subscription; cannot change after creation
             * @example 1a855cf0-d29b-4fb2-a238-abd2c0d03856
             */
            tenant?: string;
            /** @example Company xyz (North America) */
            tenantName?: string | null;
            /**
             * @description Subscription identifier in the partner system; cannot change after creation
             * @example 4d6696e4-f2cb-4eb3-8d8b-15fdd19bf4ee
             */
            partnerTenant?: string | null;
            /** @example Partner product 123 for Company xyz (North America) */
            partnerTenantName?: string | null;
        };
        PlugDefinitionDto: {
            /** @example payments */
            name: string;
            /**
             * @description From the platform's point of view: import = into the platform
             * @example import
             * @enum {string}
             */
            direction: "import" | "export";
            /** @example Payment transactions: amounts, currency, dates, references */
            description: string;
        };
        ConnectorDto: {
            /** @example AROFLO */
            id: string;
            /** @example AroFlo */
            name: string;
            /**
             * @example ERP & Accounting
             * @enum {string}
             */
            category: "ERP & Accounting" | "E-commerce" | "Payment" | "Marketplace" | "Point of Sales" | "Logistics & WMS";
            /**
             * @example apiKey
             * @enum {string}
             */
            authType: "oauth2" | "apiKey" | "none";
            plugs: components["schemas"]["PlugDefinitionDto"][];
            /**
             * @description JSON Schema of the connection settings, with defaults
             * @example {
             *       "type": "object",
             *       "properties": {
             *         "max_records_per_page": {
             *           "type": "integer",
             *           "minimum": 1,
             *           "maximum": 1000,
             *           "default": 100
             *         }
             *       }
             *     }
             */
            settingsSchema: {
                [key: string]: unknown;
            };
            /**
             * @description JSON Schema of the body of PUT /connections/{id}/credentials (an empty object schema when the connector is authorized otherwise)
             * @example {
             *       "type": "object",
             *       "required": [
             *         "secretKey"
             *       ],
             *       "properties": {
             *         "secretKey": {
             *           "type": "string",
             *           "title": "Secret key",
             *           "writeOnly": true
             *         }
             *       }
             *     }
             */
            credentialsSchema: {
                [key: string]: unknown;
            };
        };
        ConnectorListDto: {
            content: components["schemas"]["ConnectorDto"][];
        };
        PlugSelection: {
            /** @example payments */
            name: string;
            /** @example true */
            enabled: boolean;
        };
        CreateConnectionPayload: {
            /**
             * Format: uuid
             * @description The id to create it with (TrustFile PostConnection posts its connectionId); generated when omitted. Posting the same id with the same content again answers 200 with the connection; with different content, 409
             * @example 3f0c9a52-7d1e-4b8a-9c6f-2e5d4a1b0c9d
             */
            id?: string | null;
            /**
             * @description A connector id from GET /connectors
             * @example AROFLO
             */
            connector: string;
            /** @example AroFlo – Sydney branch */
            name: string;
            /**
             * Format: uuid
             * @description Required unless tenantIntegration is given
             * @example 1a855cf0-d29b-4fb2-a238-abd2c0d03856
             */
            tenant?: string | null;
            /**
             * Format: uuid
             * @description The tenant integration this connection serves
             * @example 8b2fa840-6896-493a-8d05-a67b95e5889e
             */
            tenantIntegration?: string | null;
            /**
             * Format: uuid
             * @description TrustFile company to push into; generated when omitted. Only the service token may set it (403 otherwise)
             * @example 5b1f54ad-8f5c-4c2e-9d65-0c41a0a7c2aa
             */
            companyToken?: string | null;
            /**
             * @description Default false: the extractor does not sync it yet
             * @example false
             */
            enabled?: boolean | null;
            /**
             * Format: date
             * @description First day of data to extract (yyyy-mm-dd)
             * @example 2018-04-01
             */
            startDate?: string | null;
            /** @description Default: every import plug enabled */
            plugs?: components["schemas"]["PlugSelection"][] | null;
            /**
             * @description Validated against the connector's settingsSchema
             * @example {
             *       "max_records_per_page": 500
             *     }
             */
            settings?: {
                [key: string]: unknown;
            } | null;
            /**
             * @description Overrides SYNC_INTERVAL_MINUTES
             * @example 60
             */
            syncIntervalMinutes?: number | null;
        };
        ConnectionPlugDto: {
            /** @example payments */
            name: string;
            /**
             * @example import
             * @enum {string}
             */
            direction: "import" | "export";
            /** @example true */
            enabled: boolean;
        };
        AuthorizationSummaryDto: {
            /** @example true */
            authorized: boolean;
            /**
             * Format: date-time
             * @example 2026-11-22T09:45:06.067Z
             */
            authorizedAt?: Record<string, never> | null;
            /**
             * Format: date-time
             * @example null
             */
            expiresAt?: Record<string, never> | null;
            /** @example [] */
            scopes: string[];
        };
        ConnectionDto: {
            /**
             * Format: uuid
             * @example 9fe70c57-4815-4247-8ec8-0d886277e93a
             */
            id: string;
            /**
             * @description Starts at 0, +1 per change; send it back (If-Match or body) to update
             * @example 0
             */
            version: number;
            /**
             * Format: date-time
             * @example 2022-10-28T18:39:21.000Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @example 2022-10-29T18:39:21.000Z
             */
            updatedAt: string;
            /** @example user1@companyXyz.com */
            createdBy: string;
            /** @example user2@companyXyz.com */
            updatedBy: string;
            /** @example AROFLO */
            connector: string;
            /** @example AroFlo – Sydney branch */
            name: string;
            /**
             * Format: uuid
             * @example 1a855cf0-d29b-4fb2-a238-abd2c0d03856
             */
            tenant: string;
            /**
             * Format: uuid
             * @example null
             */
            tenantIntegration?: Record<string, never> | null;
            /**
             * Format: uuid
             * @example 5b1f54ad-8f5c-4c2e-9d65-0c41a0a7c2aa
             */
            companyToken: string;
            /** @example false */
            enabled: boolean;
            /**
             * Format: date
             * @example 2018-04-01
             */
            startDate?: Record<string, never> | null;
            /**
             * @example ready
             * @enum {string}
             */
            status: "new" | "awaiting_authorization" | "ready" | "syncing" | "error" | "auth_error" | "disabled";
            /** @example null */
            statusDetail?: Record<string, never> | null;
            plugs: components["schemas"]["ConnectionPlugDto"][];
            /**
             * @example {
             *       "max_records_per_page": 100
             *     }
             */
            settings: {
                [key: string]: unknown;
            };
            /**
             * @description null = SYNC_INTERVAL_MINUTES
             * @example null
             */
            syncIntervalMinutes?: Record<string, never> | null;
            /**
             * Format: date-time
             * @example null
             */
            lastSyncAt?: Record<string, never> | null;
            /**
             * Format: date-time
             * @example 2026-11-22T10:00:00.000Z
             */
            nextSyncAt?: Record<string, never> | null;
            authorization: components["schemas"]["AuthorizationSummaryDto"];
        };
        ConnectionPage: {
            content: components["schemas"]["ConnectionDto"][];
            page: components["schemas"]["PageMetaDto"];
        };
        UpdateConnectionPayload: {
            /** @example AroFlo – Sydney branch */
            name?: string | null;
            /**
             * Format: uuid
             * @example 8b2fa840-6896-493a-8d05-a67b95e5889e
             */
            tenantIntegration?: string | null;
            /**
             * Format: uuid
             * @description Only the service token may change it (403 otherwise)
             * @example 5b1f54ad-8f5c-4c2e-9d65-0c41a0a7c2aa
             */
            companyToken?: string | null;
            /**
             * @description Enabling needs a startDate and an authorization
             * @example true
             */
            enabled?: boolean | null;
            /**
             * Format: date
             * @example 2018-04-01
             */
            startDate?: string | null;
            /** @description Plugs named here change; others stay */
            plugs?: components["schemas"]["PlugSelection"][] | null;
            /**
             * @example {
             *       "max_records_per_page": 500
             *     }
             */
            settings?: {
                [key: string]: unknown;
            } | null;
            /**
             * @description null = use SYNC_INTERVAL_MINUTES
             * @example 60
             */
            syncIntervalMinutes?: number | null;
            /**
             * @description Expected current version (alternative to If-Match)
             * @example 3
             */
            version?: number | null;
        };
        AuthorizeUrlDto: {
            /**
             * @description The host page to open in a popup. It completes only in the browser that received the binding cookie set by this response
             * @example https://login.bigcommerce.com/oauth2/authorize?client_id=…&state=…
             */
            authorizeUrl: string;
            /**
             * @description For an admin UI on another origin: open this in the popup and post it { type: "connector-hub:oauth-start", authorizeUrl, browserBinding }
             * @example https://connector-hub.example.com/oauth/start
             */
            startUrl: string;
            /**
             * @description Secret binding this authorization to one browser; give it only to the start page, never put it in a URL
             * @example q3Jd…
             */
            browserBinding: string;
        };
        OAuthStartPayload: {
            /** @example https://login.bigcommerce.com/oauth2/authorize?client_id=…&state=… */
            authorizeUrl: string;
            /** @example q3Jd… */
            browserBinding: string;
        };
        OAuthStartDto: {
            /** @example https://login.bigcommerce.com/oauth2/authorize?client_id=…&state=… */
            authorizeUrl: string;
        };
        CreateWebhookPayload: {
            /**
             * Format: uuid
             * @description The tenant whose events this subscription receives
             * @example 8a1f2c3d-4b5e-4f60-9a7b-8c9d0e1f2a3b
             */
            tenant: string;
            /**
             * @description https (http is accepted outside production)
             * @example https://integrations.example.com/hooks/connector-hub
             */
            url: string;
            /**
             * @example [
             *       "sync.failed",
             *       "connection.auth_error"
             *     ]
             */
            events: ("sync.succeeded" | "sync.failed" | "connection.auth_error" | "connection.status_changed" | "push.rejected" | "tenant_config.changed")[];
            /** @example Alerts to the integrations team */
            description?: string | null;
        };
        CreatedWebhookDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            tenant: string;
            /** @example https://integrations.example.com/hooks/connector-hub */
            url: string;
            events: ("sync.succeeded" | "sync.failed" | "connection.auth_error" | "connection.status_changed" | "push.rejected" | "tenant_config.changed")[];
            description?: Record<string, never> | null;
            /** Format: date-time */
            createdAt: string;
            /** @example auth0|5f1c */
            createdBy: string;
            /**
             * @description The signing secret (Standard Webhooks). Shown once, here; stored encrypted. Verify deliveries with the standardwebhooks package.
             * @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
             */
            secret: string;
        };
        WebhookDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            tenant: string;
            /** @example https://integrations.example.com/hooks/connector-hub */
            url: string;
            events: ("sync.succeeded" | "sync.failed" | "connection.auth_error" | "connection.status_changed" | "push.rejected" | "tenant_config.changed")[];
            description?: Record<string, never> | null;
            /** Format: date-time */
            createdAt: string;
            /** @example auth0|5f1c */
            createdBy: string;
        };
        WebhookPage: {
            content: components["schemas"]["WebhookDto"][];
            page: components["schemas"]["PageMetaDto"];
        };
        DeliveryAttemptDto: {
            /** Format: date-time */
            at: string;
            /**
             * @description The receiver's status; null when it could not be reached
             * @example 500
             */
            status?: Record<string, never> | null;
            /** @example answered 500 */
            error?: Record<string, never> | null;
            /**
             * @description Milliseconds
             * @example 42
             */
            ms: number;
        };
        DeliveryDto: {
            /**
             * Format: uuid
             * @description The webhook-id header: the same on every attempt, so a receiver can drop repeats
             */
            id: string;
            /** @enum {string} */
            type: "sync.succeeded" | "sync.failed" | "connection.auth_error" | "connection.status_changed" | "push.rejected" | "tenant_config.changed";
            /** @description The body sent: type, timestamp, data */
            payload: {
                [key: string]: unknown;
            };
            /** @enum {string} */
            state: "pending" | "delivered" | "failed";
            /** @example 1 */
            attempts: number;
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: date-time
             * @description Pending: when the next attempt is due
             */
            nextAttemptAt?: Record<string, never> | null;
            /** Format: date-time */
            deliveredAt?: Record<string, never> | null;
            attemptLog: components["schemas"]["DeliveryAttemptDto"][];
        };
        DeliveryPage: {
            content: components["schemas"]["DeliveryDto"][];
            page: components["schemas"]["PageMetaDto"];
        };
        TriggerSyncPayload: {
            /**
             * @description Only these streams (default: every enabled import plug)
             * @example [
             *       "orders"
             *     ]
             */
            streams?: string[];
            /**
             * Format: date
             * @description Re-read from this UTC day (with `to`): upserts only, checkpoints untouched
             * @example 2026-01-01
             */
            from?: string | null;
            /**
             * Format: date
             * @description Re-read up to and including this UTC day
             * @example 2026-01-31
             */
            to?: string | null;
        };
        RunErrorDto: {
            /**
             * @description AUTH_ERROR, HOST_UNAVAILABLE, HOST_UNREACHABLE, HOST_RATE_LIMITED, HOST_REFUSED, INTERRUPTED, CONNECTION_DISABLED, INTERNAL, …
             * @example HOST_UNAVAILABLE
             */
            code: string;
            /** @example GET api.bigcommerce.com/stores/abc/v2/orders answered 503 */
            message: string;
        };
        SyncStreamDto: {
            /** @example orders */
            stream: string;
            /**
             * @example succeeded
             * @enum {string}
             */
            status: "pending" | "running" | "succeeded" | "failed" | "cancelled";
            /**
             * @description Records read from the host
             * @example 250
             */
            fetched: number;
            /** @example 240 */
            inserted: number;
            /**
             * @description Changed at the source: written with the next revision
             * @example 4
             */
            updated: number;
            /**
             * @description Read again, unchanged: nothing written
             * @example 5
             */
            unchanged: number;
            /**
             * @description Could not be transformed: kept with the reason
             * @example 1
             */
            failed: number;
            /**
             * Format: date-time
             * @example 2026-01-01T00:00:00.000Z
             */
            windowSince?: Record<string, never> | null;
            /**
             * Format: date-time
             * @example 2026-11-30T23:59:00.000Z
             */
            windowUntil?: Record<string, never> | null;
            /**
             * Format: date-time
             * @description Source time reached once the stream finished
             * @example 2026-11-30T23:59:00.000Z
             */
            syncedThrough?: Record<string, never> | null;
        };
        SyncRunDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            connectionId: string;
            /**
             * @example scheduled
             * @enum {string}
             */
            trigger: "scheduled" | "manual" | "window";
            /**
             * @example running
             * @enum {string}
             */
            status: "queued" | "running" | "deferred" | "succeeded" | "failed" | "cancelled";
            /**
             * @description Attempt number (retries after transient failures, or after a worker was lost)
             * @example 1
             */
            attempt: number;
            /**
             * @description The streams asked for (null: every enabled import plug)
             * @example null
             */
            requestedStreams?: string[] | null;
            /**
             * Format: date
             * @example null
             */
            from?: Record<string, never> | null;
            /**
             * Format: date
             * @example null
             */
            to?: Record<string, never> | null;
            /** @example scheduler */
            requestedBy: string;
            /** Format: date-time */
            queuedAt: string;
            /** Format: date-time */
            startedAt?: Record<string, never> | null;
            /** Format: date-time */
            finishedAt?: Record<string, never> | null;
            /**
             * Format: date-time
             * @description deferred: when it resumes (the host’s daily budget resets, or a long rate-limit wait ends)
             */
            resumeAt?: Record<string, never> | null;
            error?: components["schemas"]["RunErrorDto"] | null;
            /** @description Per stream, updated after every page */
            streams: components["schemas"]["SyncStreamDto"][];
        };
        SyncRunPage: {
            content: components["schemas"]["SyncRunDto"][];
            page: components["schemas"]["PageMetaDto"];
        };
        HostBudgetDto: {
            /**
             * @description The host's calls a day for this site, shared by every connection and worker
             * @example 2000
             */
            limit: number;
            /** @example 312 */
            used: number;
            /** @example 1688 */
            remaining: number;
            /**
             * Format: date-time
             * @description When the count starts again (AroFlo: 00:00 Australia/Melbourne)
             * @example 2026-11-22T13:00:00.000Z
             */
            resetsAt: string;
        };
        AccountRateBudgetDto: {
            /**
             * @description What the host limits: 'store' (BigCommerce), 'merchant' (Square)
             * @example store
             */
            account: string;
            /** @example Shared by every connection and worker calling this store */
            scope: string;
            /**
             * @description Calls that can be made at once when the budget is full
             * @example 15
             */
            capacity: number;
            /**
             * @description Calls the budget regains per second
             * @example 4
             */
            refillPerSecond: number;
            /**
             * @description Calls that could be made now; negative: calls already promised to waiting requests, or the host asked for a pause
             * @example 7.5
             */
            available: number;
            /**
             * Format: date-time
             * @description Until when the host's last 429 asked for no calls (null: it did not, or that is past)
             * @example null
             */
            throttledUntil?: string | null;
            /**
             * @description The capacity and refill come from the host's own rate-limit headers, not the plan default
             * @example true
             */
            learnedFromHost: boolean;
            /**
             * @description Where the capacity and refill come from
             * @example The host's headers: 150 requests per 30 s
             */
            limitSource: string;
            /**
             * @description 429 answers the host gave this account
             * @example 0
             */
            throttles: number;
        };
        ConnectionSyncStatusDto: {
            /** Format: uuid */
            connectionId: string;
            /**
             * @example ready
             * @enum {string}
             */
            status: "new" | "awaiting_authorization" | "ready" | "syncing" | "error" | "auth_error" | "disabled";
            /** @example null */
            statusDetail?: Record<string, never> | null;
            /** @example true */
            enabled: boolean;
            authorization: components["schemas"]["AuthorizationSummaryDto"];
            /**
             * @description The latest run: while it runs, its progress per stream
             * @example null
             */
            lastRun?: ({
                [key: string]: unknown;
            } & components["schemas"]["SyncRunDto"]) | null;
            /**
             * Format: date-time
             * @example null
             */
            lastSyncAt?: Record<string, never> | null;
            /**
             * Format: date-time
             * @example 2026-11-22T10:00:00.000Z
             */
            nextSyncAt?: Record<string, never> | null;
            /** @description What is left of the host's daily call budget for the connection's site (null: no such limit, or not authorized) */
            dailyBudget?: components["schemas"]["HostBudgetDto"] | null;
            /** @description The rate budget of the upstream account (BigCommerce store, Square merchant) shared by every worker: null for hosts without one, or before authorization */
            rateBudget?: components["schemas"]["AccountRateBudgetDto"] | null;
            /**
             * @description Sales and refund documents extracted
             * @example 1204
             */
            extracted: number;
            /**
             * @description Documents TrustFile holds at their current revision
             * @example 1190
             */
            pushed: number;
            /**
             * @description Documents whose current revision waits to be pushed
             * @example 12
             */
            pending: number;
            /**
             * @description Documents TrustFile rejected at their current revision (see baditems)
             * @example 2
             */
            rejected: number;
            /**
             * Format: date-time
             * @description The last successful push of this connection
             */
            lastPushAt?: Record<string, never> | null;
        };
        StreamStateDto: {
            /** @example orders */
            stream: string;
            /** @example true */
            enabled: boolean;
            /**
             * Format: date-time
             * @description Source time the stream has been read up to
             * @example 2026-11-30T23:59:00.000Z
             */
            syncedThrough?: Record<string, never> | null;
            /** Format: date-time */
            lastSuccessAt?: Record<string, never> | null;
            /**
             * @description Documents or records stored for the stream
             * @example 1204
             */
            records: number;
            /**
             * @description A read was interrupted and resumes from its last page
             * @example false
             */
            readInProgress: boolean;
            /** Format: date-time */
            updatedAt?: Record<string, never> | null;
            /**
             * @description Who last moved the checkpoint
             * @example extraction
             */
            updatedBy?: Record<string, never> | null;
        };
        MoveCheckpointPayload: {
            /**
             * Format: date-time
             * @description The next run reads from here (minus the lookback)
             * @example 2026-02-01T00:00:00Z
             */
            syncedThrough: string;
        };
        AddressDto: {
            /** @example 12 Main St */
            line1?: Record<string, never> | null;
            /** @example null */
            line2?: Record<string, never> | null;
            /** @example Austin */
            city?: Record<string, never> | null;
            /** @example TX */
            region?: Record<string, never> | null;
            /** @example 78701 */
            postalCode?: Record<string, never> | null;
            /** @example US */
            country?: Record<string, never> | null;
        };
        TransactionPushErrorDto: {
            /** @example shipToAddress.postalCode */
            field?: Record<string, never> | null;
            /** @example postal code is not valid for the region */
            message: string;
        };
        TransactionPushDto: {
            /**
             * @description pushed: TrustFile holds the current revision
             * @enum {string}
             */
            state: "pending" | "pushed" | "rejected";
            /**
             * @description The latest revision TrustFile accepted
             * @example 2
             */
            pushedRevision?: Record<string, never> | null;
            /** Format: date-time */
            pushedAt?: Record<string, never> | null;
            /** @description TrustFile's reasons, when rejected */
            errors: components["schemas"]["TransactionPushErrorDto"][];
        };
        TransactionDto: {
            /** Format: uuid */
            id: string;
            /** @example orders */
            stream: string;
            /**
             * @description The host's id of the document
             * @example 100234
             */
            externalId: string;
            /**
             * @example sale
             * @enum {string}
             */
            type: "sale" | "refund";
            /**
             * @example active
             * @enum {string}
             */
            status: "active" | "voided";
            /**
             * Format: date-time
             * @description When the sale or refund happened (UTC)
             * @example 2026-03-01T17:04:11.000Z
             */
            transactionDate: string;
            /** @example 100234 */
            documentNumber?: Record<string, never> | null;
            /** @example USD */
            currency?: Record<string, never> | null;
            /** @example 100.0000 */
            subtotal: string;
            /** @example 0.0000 */
            discount: string;
            /**
             * @description Excluding tax
             * @example 9.9900
             */
            shipping: string;
            /** @example 0.8200 */
            shippingTax: string;
            /**
             * @description All tax, shipping tax included
             * @example 9.0700
             */
            tax: string;
            /**
             * @description Tax included
             * @example 119.0600
             */
            total: string;
            /** @example false */
            taxExempt: boolean;
            shipFrom?: components["schemas"]["AddressDto"] | null;
            shipTo?: components["schemas"]["AddressDto"] | null;
            /**
             * @description Refunds: the sale they refund
             * @example null
             */
            originalExternalId?: Record<string, never> | null;
            /** @example false */
            reviewRequired: boolean;
            /** @example null */
            reviewMessage?: Record<string, never> | null;
            /** Format: date-time */
            sourceModifiedAt?: Record<string, never> | null;
            /**
             * @description Goes up each time the document changes at the source
             * @example 1
             */
            revision: number;
            /**
             * @description Hash of the content that decides whether it changed
             * @example m3t7lK…
             */
            contentHash: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description What TrustFile holds of this document */
            push: components["schemas"]["TransactionPushDto"];
        };
        TransactionPage: {
            content: components["schemas"]["TransactionDto"][];
            page: components["schemas"]["PageMetaDto"];
        };
        SummaryDayDto: {
            /**
             * Format: date
             * @example 2026-01-05
             */
            day: string;
            /** @example USD */
            currency?: Record<string, never> | null;
            /** @example 12 */
            salesCount: number;
            /** @example 1 */
            refundCount: number;
            /**
             * @description Sum of sale totals (tax included)
             * @example 1523.4500
             */
            sales: string;
            /**
             * @description Sum of refund totals
             * @example 19.9900
             */
            refunds: string;
            /**
             * @description sales − refunds
             * @example 1503.4600
             */
            total: string;
            /**
             * @description Tax on sales − tax refunded
             * @example 110.2100
             */
            tax: string;
            /**
             * @description Shipping on sales − shipping refunded (tax excluded)
             * @example 45.0000
             */
            shipping: string;
            /** @example 111.8500 */
            salesTax: string;
            /** @example 1.6400 */
            refundsTax: string;
            /** @example 45.0000 */
            salesShipping: string;
            /** @example 0.0000 */
            refundsShipping: string;
        };
        SummaryDto: {
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            days: components["schemas"]["SummaryDayDto"][];
        };
        TransactionLineDto: {
            /** @example 1 */
            lineNumber: number;
            /** @example SKU-1 */
            sku?: Record<string, never> | null;
            /** @example Blue mug */
            description?: Record<string, never> | null;
            /**
             * @description Decimal string
             * @example 2
             */
            quantity: string;
            /**
             * @description Decimal string, before tax
             * @example 100.0000
             */
            amount: string;
            /** @example 0.0000 */
            discount: string;
            /** @example 8.2500 */
            tax: string;
            /** @example null */
            taxCode?: Record<string, never> | null;
        };
        TransactionTaxDto: {
            /** @example TX State Tax */
            name: string;
            /**
             * @description A fraction: 0.0625 = 6.25 %
             * @example 0.0625
             */
            rate?: Record<string, never> | null;
            /** @example 6.2500 */
            amount: string;
        };
        TransactionDetailDto: {
            /** Format: uuid */
            id: string;
            /** @example orders */
            stream: string;
            /**
             * @description The host's id of the document
             * @example 100234
             */
            externalId: string;
            /**
             * @example sale
             * @enum {string}
             */
            type: "sale" | "refund";
            /**
             * @example active
             * @enum {string}
             */
            status: "active" | "voided";
            /**
             * Format: date-time
             * @description When the sale or refund happened (UTC)
             * @example 2026-03-01T17:04:11.000Z
             */
            transactionDate: string;
            /** @example 100234 */
            documentNumber?: Record<string, never> | null;
            /** @example USD */
            currency?: Record<string, never> | null;
            /** @example 100.0000 */
            subtotal: string;
            /** @example 0.0000 */
            discount: string;
            /**
             * @description Excluding tax
             * @example 9.9900
             */
            shipping: string;
            /** @example 0.8200 */
            shippingTax: string;
            /**
             * @description All tax, shipping tax included
             * @example 9.0700
             */
            tax: string;
            /**
             * @description Tax included
             * @example 119.0600
             */
            total: string;
            /** @example false */
            taxExempt: boolean;
            shipFrom?: components["schemas"]["AddressDto"] | null;
            shipTo?: components["schemas"]["AddressDto"] | null;
            /**
             * @description Refunds: the sale they refund
             * @example null
             */
            originalExternalId?: Record<string, never> | null;
            /** @example false */
            reviewRequired: boolean;
            /** @example null */
            reviewMessage?: Record<string, never> | null;
            /** Format: date-time */
            sourceModifiedAt?: Record<string, never> | null;
            /**
             * @description Goes up each time the document changes at the source
             * @example 1
             */
            revision: number;
            /**
             * @description Hash of the content that decides whether it changed
             * @example m3t7lK…
             */
            contentHash: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description What TrustFile holds of this document */
            push: components["schemas"]["TransactionPushDto"];
            lines: components["schemas"]["TransactionLineDto"][];
            taxes: components["schemas"]["TransactionTaxDto"][];
        };
        ExtractedRecordDto: {
            /** @example users */
            stream: string;
            /** @example U-1001 */
            externalId: string;
            /**
             * @example {
             *       "id": "U-1001",
             *       "name": "Ada",
             *       "address_city": "Sydney"
             *     }
             */
            data: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            sourceModifiedAt?: Record<string, never> | null;
            /** @example 1 */
            revision: number;
            /** Format: date-time */
            updatedAt: string;
        };
        ExtractedRecordPage: {
            content: components["schemas"]["ExtractedRecordDto"][];
            page: components["schemas"]["PageMetaDto"];
        };
        RequestReconciliationPayload: {
            /**
             * Format: date
             * @description First UTC day to verify
             * @example 2026-03-01
             */
            from: string;
            /**
             * Format: date
             * @description Last UTC day to verify (at most 93 days after from, not in the future)
             * @example 2026-03-31
             */
            to: string;
        };
        DayFiguresDto: {
            /** @example 41 */
            salesCount: number;
            /** @example 2 */
            refundCount: number;
            /**
             * @description Sales minus refunds
             * @example 4120.5500
             */
            total: string;
            /** @example 310.1200 */
            tax: string;
            /** @example 95.0000 */
            shipping: string;
        };
        ReconciledDayDto: {
            /**
             * Format: date
             * @example 2026-03-01
             */
            day: string;
            /** @example USD */
            currency?: Record<string, never> | null;
            /** @description The source's own documents, re-read */
            source: components["schemas"]["DayFiguresDto"];
            /** @description Active documents in the store */
            extracted: components["schemas"]["DayFiguresDto"];
            /** @description Documents TrustFile holds at their current revision; null without the push */
            pushed?: components["schemas"]["DayFiguresDto"] | null;
            /** @example true */
            matched: boolean;
            /** @description External ids the source has and the store does not count */
            missing: string[];
            /** @description External ids the store counts and the source does not have (or voided) */
            extra: string[];
            /** @description External ids whose content differs (content hash) */
            different: string[];
        };
        ReconciliationDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            connectionId: string;
            /** @enum {string} */
            trigger: "manual" | "scheduled";
            /** @enum {string} */
            status: "queued" | "running" | "succeeded" | "failed";
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            /** @example auth0|5f1c */
            requestedBy: string;
            /** Format: date-time */
            queuedAt: string;
            /** Format: date-time */
            startedAt?: Record<string, never> | null;
            /** Format: date-time */
            finishedAt?: Record<string, never> | null;
            /** @description Every day matched; null until it succeeded */
            matched?: Record<string, never> | null;
            days: components["schemas"]["ReconciledDayDto"][];
            error?: {
                code?: string;
                message?: string;
            } | null;
            /**
             * Format: uuid
             * @description The window run the repair queued
             */
            repairSyncId?: Record<string, never> | null;
            /** Format: date-time */
            repairedAt?: Record<string, never> | null;
        };
        ReconciliationPage: {
            content: components["schemas"]["ReconciliationDto"][];
            page: components["schemas"]["PageMetaDto"];
        };
        ReconciliationScheduleDto: {
            /** @example true */
            enabled: boolean;
            /**
             * Format: date
             * @description The last day a daily reconciliation was queued for
             */
            lastDay?: Record<string, never> | null;
        };
        ReconciliationSchedulePayload: {
            /**
             * @description Reconcile yesterday (UTC) every day
             * @example true
             */
            enabled: boolean;
        };
        RepairDto: {
            reconciliation: components["schemas"]["ReconciliationDto"];
            /**
             * @description Documents the source no longer has, voided (and pushed as voided)
             * @example 1
             */
            voided: number;
            /** @description The window re-sync of the days the differing documents were changed on */
            sync?: components["schemas"]["SyncRunDto"] | null;
        };
        QueueDepthDto: {
            /** @example 3 */
            queued: number;
            /** @example 2 */
            active: number;
        };
        ActivityDto: {
            /** Format: uuid */
            id: string;
            /**
             * @description sync.started, sync.finished, push.batch, push.failed, push.paused, push.resumed, authorization.granted, authorization.refreshed, authorization.failed, authorization.revoked, connection.enabled, connection.disabled, checkpoint.moved, checkpoint.reset, connector.enabled, connector.disabled
             * @example sync.finished
             */
            type: string;
            /** Format: date-time */
            occurredAt: string;
            /**
             * @description The person or token that caused it; null for the service itself
             * @example auth0|5f1c
             */
            actor?: Record<string, never> | null;
            /** @example Sync succeeded: 120 fetched, 4 inserted, 2 updated */
            message: string;
            details?: {
                [key: string]: unknown;
            } | null;
            /**
             * @description A connector-wide entry (the connector switch, TrustFile refusing the token)
             * @example false
             */
            connectorWide: boolean;
        };
        ActivityPage: {
            content: components["schemas"]["ActivityDto"][];
            page: components["schemas"]["PageMetaDto"];
        };
        BadItemErrorDto: {
            /** @example shipToAddress.postalCode */
            field?: Record<string, never> | null;
            /** @example postal code is not valid for the region */
            message: string;
        };
        BadItemDto: {
            /**
             * @description rejected: TrustFile refused it; transform: it did not match the canonical schema
             * @enum {string}
             */
            kind: "rejected" | "transform";
            /** @example orders */
            stream: string;
            /** @example 100234 */
            externalId: string;
            /**
             * Format: uuid
             * @description The extracted transaction (rejected items)
             */
            transactionId?: Record<string, never> | null;
            /**
             * @description The revision TrustFile rejected
             * @example 3
             */
            revision?: Record<string, never> | null;
            errors: components["schemas"]["BadItemErrorDto"][];
            /** Format: date-time */
            occurredAt: string;
        };
        BadItemPage: {
            content: components["schemas"]["BadItemDto"][];
            page: components["schemas"]["PageMetaDto"];
        };
        ConnectorErrorDto: {
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            occurredAt: string;
            /** @enum {string} */
            component: "trustfile" | "queue" | "database" | "scheduler";
            /** @example TRUSTFILE.UNAUTHORIZED */
            code: string;
            /** @example TrustFile answered 401 to the outbound token (EXTRACTOR_TO_AVALARA_TOKEN); every push is paused until it is accepted again */
            message: string;
            /** Format: uuid */
            connectionId?: Record<string, never> | null;
        };
        ConnectorErrorPage: {
            content: components["schemas"]["ConnectorErrorDto"][];
            page: components["schemas"]["PageMetaDto"];
        };
        PushStateDto: {
            /**
             * @description false: TRUSTFILE_API_URL is not set; documents stay pending
             * @example true
             */
            configured: boolean;
            /**
             * @description TrustFile refused the outbound token; a probe resumes pushing by itself
             * @example false
             */
            paused: boolean;
            pausedReason?: Record<string, never> | null;
            /** Format: date-time */
            pausedAt?: Record<string, never> | null;
            /**
             * @description Document revisions waiting to be pushed, all connections
             * @example 120
             */
            pending: number;
            /**
             * Format: date-time
             * @description The last successful push of any connection
             */
            lastPushAt?: Record<string, never> | null;
        };
        ConnectorStateDto: {
            /** @example true */
            enabled: boolean;
            /**
             * Format: date-time
             * @description When the switch last changed
             */
            changedAt: string;
            /** @example trustfile-service */
            changedBy: string;
            /** @example 0.1.0 */
            version: string;
            /**
             * @example {
             *       "active": 12,
             *       "awaiting_authorization": 2,
             *       "auth_error": 1
             *     }
             */
            connectionsByStatus: {
                [key: string]: number;
            };
            /**
             * @example {
             *       "extraction-run": {
             *         "queued": 3,
             *         "active": 2
             *       },
             *       "trustfile-push": {
             *         "queued": 0,
             *         "active": 1
             *       }
             *     }
             */
            queues: {
                [key: string]: components["schemas"]["QueueDepthDto"];
            };
            /**
             * Format: date-time
             * @description When the longest-waiting due connection became due (a growing gap means workers are short)
             */
            oldestDueAt?: Record<string, never> | null;
            push: components["schemas"]["PushStateDto"];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getCurrentPrincipal: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PrincipalDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every component reports up (details per component) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A component is down (checks per component) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getLiveness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process is up (no dependency is checked) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready to serve: the database answers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The database is unreachable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listTenantIntegrations: {
        parameters: {
            query?: {
                /** @description Zero-based page index */
                pageNumber?: number;
                /** @description Items per page */
                pageSize?: number;
                /** @description Sort order as `field,ASC|DESC` (direction defaults to ASC); repeat for secondary orders. Default `updatedAt,DESC`; ties are broken by id. */
                pageSort?: string[];
                connector?: "BIGCOMMERCE_OSERIES" | "SAPTAX_OSERIES" | "ARIBA2_OSERIES" | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantIntegrationPage"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ConnTenantConfigApi:TenantIntegration:Read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    createTenantIntegration: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TenantIntegrationPayload"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantIntegrationDto"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ConnTenantConfigApi:TenantIntegration:Write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getTenantIntegration: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantintegration: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The resource version, e.g. "3" */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantIntegrationDto"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ConnTenantConfigApi:TenantIntegration:Read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    replaceTenantIntegration: {
        parameters: {
            query?: never;
            header?: {
                /** @description Expected version as an ETag, e.g. "3" */
                "If-Match"?: string;
            };
            path: {
                tenantintegration: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TenantIntegrationPayload"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantIntegrationDto"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ConnTenantConfigApi:TenantIntegration:Write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Stale version */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    deleteTenantIntegration: {
        parameters: {
            query?: never;
            header?: {
                /** @description Expected version as an ETag, e.g. "3" */
                "If-Match"?: string;
            };
            path: {
                tenantintegration: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ConnTenantConfigApi:TenantIntegration:Write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such tenant integration or config visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Stale version */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    patchTenantIntegration: {
        parameters: {
            query?: never;
            header?: {
                /** @description Expected version as an ETag, e.g. "3" */
                "If-Match"?: string;
            };
            path: {
                tenantintegration: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TenantIntegrationPatch"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantIntegrationDto"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ConnTenantConfigApi:TenantIntegration:Write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Stale version */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listTenantConfigs: {
        parameters: {
            query?: {
                /** @description Zero-based page index */
                pageNumber?: number;
                /** @description Items per page */
                pageSize?: number;
                /** @description Sort order as `field,ASC|DESC` (direction defaults to ASC); repeat for secondary orders. Default `updatedAt,DESC`; ties are broken by id. */
                pageSort?: string[];
                group?: string | null;
                name?: string | null;
                /** @description Return sensitive values in clear (needs ConnTenantConfigApi:TenantConfig:ReadSensitive) */
                reveal?: boolean | null;
            };
            header?: never;
            path: {
                tenantintegration: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantConfigPage"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ConnTenantConfigApi:TenantConfig:Read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such tenant integration or config visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    saveTenantConfigs: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantintegration: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BulkConfigPayload"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BulkConfigResult"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ConnTenantConfigApi:TenantConfig:Write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such tenant integration or config visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description One item is stale or duplicated; nothing was saved (the problem names the item) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    createTenantConfig: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantintegration: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TenantConfigPayload"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantConfigDto"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ConnTenantConfigApi:TenantConfig:Write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such tenant integration or config visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Stale version, duplicate name, or an update in progress */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listTenantConfigVersions: {
        parameters: {
            query?: {
                /** @description Zero-based page index */
                pageNumber?: number;
                /** @description Items per page */
                pageSize?: number;
                /** @description Sort order as `field,ASC|DESC` (direction defaults to ASC); repeat for secondary orders. Default `updatedAt,DESC`; ties are broken by id. */
                pageSort?: string[];
                group?: string | null;
                name?: string | null;
                /** @description Return sensitive values in clear (needs ConnTenantConfigApi:TenantConfig:ReadSensitive) */
                reveal?: boolean | null;
            };
            header?: never;
            path: {
                tenantintegration: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantConfigVersionPage"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ConnTenantConfigApi:TenantConfigVersion:Read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such tenant integration or config visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getTenantConfig: {
        parameters: {
            query?: {
                /** @description Return sensitive values in clear (needs ConnTenantConfigApi:TenantConfig:ReadSensitive) */
                reveal?: boolean | null;
            };
            header?: never;
            path: {
                tenantintegration: string;
                config: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The resource version, e.g. "3" */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantConfigDto"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ConnTenantConfigApi:TenantConfig:Read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such tenant integration or config visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    replaceTenantConfig: {
        parameters: {
            query?: never;
            header?: {
                /** @description Expected version as an ETag, e.g. "3" */
                "If-Match"?: string;
            };
            path: {
                tenantintegration: string;
                config: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TenantConfigPayload"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantConfigDto"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ConnTenantConfigApi:TenantConfig:Write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such tenant integration or config visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Stale version, duplicate name, or an update in progress */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    deleteTenantConfig: {
        parameters: {
            query?: never;
            header?: {
                /** @description Expected version as an ETag, e.g. "3" */
                "If-Match"?: string;
            };
            path: {
                tenantintegration: string;
                config: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted; its history stays readable through the versions */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ConnTenantConfigApi:TenantConfig:Write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such tenant integration or config visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Stale version, duplicate name, or an update in progress */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listTenantConfigHistory: {
        parameters: {
            query?: {
                /** @description Zero-based page index */
                pageNumber?: number;
                /** @description Items per page */
                pageSize?: number;
                /** @description Sort order as `field,ASC|DESC` (direction defaults to ASC); repeat for secondary orders. Default `updatedAt,DESC`; ties are broken by id. */
                pageSort?: string[];
                group?: string | null;
                name?: string | null;
                /** @description Return sensitive values in clear (needs ConnTenantConfigApi:TenantConfig:ReadSensitive) */
                reveal?: boolean | null;
            };
            header?: never;
            path: {
                tenantintegration: string;
                config: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantConfigVersionPage"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ConnTenantConfigApi:TenantConfigVersion:Read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such tenant integration or config visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    restoreTenantConfigVersion: {
        parameters: {
            query?: never;
            header?: {
                /** @description Expected version as an ETag, e.g. "3" */
                "If-Match"?: string;
            };
            path: {
                tenantintegration: string;
                config: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantConfigDto"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ConnTenantConfigApi:TenantConfig:Write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such tenant integration or config visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Stale version, duplicate name, or an update in progress */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listPartnerTenantConfigs: {
        parameters: {
            query?: {
                /** @description Zero-based page index */
                pageNumber?: number;
                /** @description Items per page */
                pageSize?: number;
                /** @description Sort order as `field,ASC|DESC` (direction defaults to ASC); repeat for secondary orders. Default `updatedAt,DESC`; ties are broken by id. */
                pageSort?: string[];
                group?: string | null;
                name?: string | null;
                /** @description Return sensitive values in clear (needs ConnTenantConfigApi:TenantConfig:ReadSensitive) */
                reveal?: boolean | null;
            };
            header?: never;
            path: {
                connector: "BIGCOMMERCE_OSERIES" | "SAPTAX_OSERIES" | "ARIBA2_OSERIES";
                partnerTenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantConfigPage"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ConnTenantConfigApi:TenantConfig:Read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    cloneTenantIntegration: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantintegration: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CloneTenantIntegrationPayload"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantIntegrationDto"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ConnTenantConfigApi:TenantIntegration:Write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such tenant integration or config visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A copied config would duplicate an existing one */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listConnectors: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectorListDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getConnector: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connector: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectorDto"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listConnections: {
        parameters: {
            query?: {
                /** @description Zero-based page index */
                pageNumber?: number;
                /** @description Items per page */
                pageSize?: number;
                /** @description Sort order as `field,ASC|DESC` (direction defaults to ASC); repeat for secondary orders. Default `updatedAt,DESC`; ties are broken by id. */
                pageSort?: string[];
                connector?: string | null;
                enabled?: boolean | null;
                status?: "new" | "awaiting_authorization" | "ready" | "syncing" | "error" | "auth_error" | "disabled" | null;
                tenant?: string | null;
                tenantIntegration?: string | null;
                companyToken?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectionPage"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ExtractorApi:Connection:Read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    createConnection: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateConnectionPayload"];
            };
        };
        responses: {
            /** @description The same id was posted before with the same content: nothing changed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectionDto"];
                };
            };
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectionDto"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ExtractorApi:Connection:Write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description companyToken taken, the id taken by different content, or enabled without start date/authorization */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description The resource version, e.g. "3" */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectionDto"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ExtractorApi:Connection:Read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such connection visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    updateConnection: {
        parameters: {
            query?: never;
            header?: {
                /** @description Expected version as an ETag, e.g. "3" */
                "If-Match"?: string;
            };
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateConnectionPayload"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectionDto"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ExtractorApi:Connection:Write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such connection visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Stale version, or enabling without start date/authorization */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    deleteConnection: {
        parameters: {
            query?: never;
            header?: {
                /** @description Expected version as an ETag, e.g. "3" */
                "If-Match"?: string;
            };
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ExtractorApi:Connection:Write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such connection visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    headConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description It exists */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ExtractorApi:Connection:Read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such connection visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    patchConnection: {
        parameters: {
            query?: never;
            header?: {
                /** @description Expected version as an ETag, e.g. "3" */
                "If-Match"?: string;
            };
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateConnectionPayload"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectionDto"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ExtractorApi:Connection:Write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such connection visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Stale version, or enabling without start date/authorization */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    putConnectionCredentials: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    [key: string]: string;
                };
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectionDto"];
                };
            };
            /** @description Fields missing or not in the connector's credentialsSchema (each named), or the host refused the credentials (its message) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ExtractorApi:Connection:Write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such connection visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The connector is not authorized with credentials */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The host could not be asked; nothing was stored */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    deleteConnectionCredentials: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ExtractorApi:Connection:Write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such connection visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    authorizeConnection: {
        parameters: {
            query?: {
                redirect?: boolean;
            };
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthorizeUrlDto"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ExtractorApi:Connection:Write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    oauthStartPage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An HTML page for the popup */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    oauthStart: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OAuthStartPayload"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OAuthStartDto"];
                };
            };
            /** @description Unknown, expired or mismatched authorization */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not sent by the start page on this origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    oauthCallback: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An HTML page for the popup */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listWebhooks: {
        parameters: {
            query?: {
                /** @description Zero-based page index */
                pageNumber?: number;
                /** @description Items per page */
                pageSize?: number;
                /** @description Sort order as `field,ASC|DESC` (direction defaults to ASC); repeat for secondary orders. Default `updatedAt,DESC`; ties are broken by id. */
                pageSort?: string[];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookPage"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ExtractorApi:Connection:Write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhookPayload"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedWebhookDto"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ExtractorApi:Connection:Write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDto"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ExtractorApi:Connection:Write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such subscription (or delivery) visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ExtractorApi:Connection:Write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such subscription (or delivery) visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                /** @description Zero-based page index */
                pageNumber?: number;
                /** @description Items per page */
                pageSize?: number;
                /** @description Sort order as `field,ASC|DESC` (direction defaults to ASC); repeat for secondary orders. Default `updatedAt,DESC`; ties are broken by id. */
                pageSort?: string[];
                state?: "pending" | "delivered" | "failed" | null;
            };
            header?: never;
            path: {
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryPage"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ExtractorApi:Connection:Write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such subscription (or delivery) visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    redeliverWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhookId: string;
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryDto"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ExtractorApi:Connection:Write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such subscription (or delivery) visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listSyncs: {
        parameters: {
            query?: {
                /** @description Zero-based page index */
                pageNumber?: number;
                /** @description Items per page */
                pageSize?: number;
                /** @description Sort order as `field,ASC|DESC` (direction defaults to ASC); repeat for secondary orders. Default `updatedAt,DESC`; ties are broken by id. */
                pageSort?: string[];
                status?: "queued" | "running" | "deferred" | "succeeded" | "failed" | "cancelled" | null;
            };
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SyncRunPage"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ExtractorApi:Connection:Read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such connection (or run, stream, transaction) visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    triggerSync: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TriggerSyncPayload"];
            };
        };
        responses: {
            /** @description Queued */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SyncRunDto"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ExtractorApi:Sync:Write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such connection (or run, stream, transaction) visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not enabled, not authorized, or a run is already queued or running (activeSyncId) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getSync: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
                syncId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SyncRunDto"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ExtractorApi:Connection:Read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such connection (or run, stream, transaction) visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    cancelSync: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
                syncId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SyncRunDto"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ExtractorApi:Sync:Write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such connection (or run, stream, transaction) visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The run has already finished */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getConnectionStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectionSyncStatusDto"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ExtractorApi:Connection:Read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such connection (or run, stream, transaction) visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listStreams: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StreamStateDto"][];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ExtractorApi:Connection:Read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such connection (or run, stream, transaction) visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    moveCheckpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
                stream: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MoveCheckpointPayload"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StreamStateDto"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ExtractorApi:Sync:Write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such connection (or run, stream, transaction) visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A run is queued or running */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    resetCheckpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
                stream: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StreamStateDto"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ExtractorApi:Sync:Write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such connection (or run, stream, transaction) visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description A run is queued or running */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listTransactions: {
        parameters: {
            query?: {
                /** @description Zero-based page index */
                pageNumber?: number;
                /** @description Items per page */
                pageSize?: number;
                /** @description Sort order as `field,ASC|DESC` (direction defaults to ASC); repeat for secondary orders. Default `updatedAt,DESC`; ties are broken by id. */
                pageSort?: string[];
                type?: "sale" | "refund" | null;
                status?: "active" | "voided" | null;
                /** @description transactionDate on or after this UTC day */
                from?: string | null;
                /** @description transactionDate on or before this UTC day */
                to?: string | null;
                externalId?: string | null;
            };
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TransactionPage"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ExtractorApi:Connection:Read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such connection (or run, stream, transaction) visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    summarizeTransactions: {
        parameters: {
            query: {
                from: string;
                to: string;
            };
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SummaryDto"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ExtractorApi:Connection:Read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such connection (or run, stream, transaction) visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getTransaction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
                transactionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TransactionDetailDto"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ExtractorApi:Connection:Read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such connection (or run, stream, transaction) visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listRecords: {
        parameters: {
            query: {
                /** @description Zero-based page index */
                pageNumber?: number;
                /** @description Items per page */
                pageSize?: number;
                /** @description Sort order as `field,ASC|DESC` (direction defaults to ASC); repeat for secondary orders. Default `updatedAt,DESC`; ties are broken by id. */
                pageSort?: string[];
                /** @description A reference stream of the connector (AroFlo: users, suppliers, payments) */
                stream: string;
            };
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExtractedRecordPage"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ExtractorApi:Connection:Read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such connection (or run, stream, transaction) visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listReconciliations: {
        parameters: {
            query?: {
                /** @description Zero-based page index */
                pageNumber?: number;
                /** @description Items per page */
                pageSize?: number;
                /** @description Sort order as `field,ASC|DESC` (direction defaults to ASC); repeat for secondary orders. Default `updatedAt,DESC`; ties are broken by id. */
                pageSort?: string[];
            };
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReconciliationPage"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ExtractorApi:Connection:Read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such connection (or reconciliation) visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    requestReconciliation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RequestReconciliationPayload"];
            };
        };
        responses: {
            /** @description Queued */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReconciliationDto"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ExtractorApi:Sync:Write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such connection (or reconciliation) visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getReconciliationSchedule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReconciliationScheduleDto"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ExtractorApi:Connection:Read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such connection (or reconciliation) visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    setReconciliationSchedule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReconciliationSchedulePayload"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReconciliationScheduleDto"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ExtractorApi:Sync:Write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such connection (or reconciliation) visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getReconciliation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
                reconciliationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReconciliationDto"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ExtractorApi:Connection:Read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such connection (or reconciliation) visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    repairReconciliation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
                reconciliationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RepairDto"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ExtractorApi:Sync:Write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such connection (or reconciliation) visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not finished, matched, already repaired, or a run is active */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listActivities: {
        parameters: {
            query?: {
                /** @description Zero-based page index */
                pageNumber?: number;
                /** @description Items per page */
                pageSize?: number;
                /** @description Sort order as `field,ASC|DESC` (direction defaults to ASC); repeat for secondary orders. Default `updatedAt,DESC`; ties are broken by id. */
                pageSort?: string[];
                /** @description From this time or day (UTC), at most 365 days back; default 365 days back */
                from?: string;
                /** @description Before this time, or up to and including this day; default now */
                to?: string;
                /** @description Only entries of this type */
                type?: string | null;
            };
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActivityPage"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ExtractorApi:Connection:Read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such connection visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listBadItems: {
        parameters: {
            query?: {
                /** @description Zero-based page index */
                pageNumber?: number;
                /** @description Items per page */
                pageSize?: number;
                /** @description Sort order as `field,ASC|DESC` (direction defaults to ASC); repeat for secondary orders. Default `updatedAt,DESC`; ties are broken by id. */
                pageSort?: string[];
            };
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BadItemPage"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ExtractorApi:Connection:Read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such connection visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listErrors: {
        parameters: {
            query?: {
                /** @description Zero-based page index */
                pageNumber?: number;
                /** @description Items per page */
                pageSize?: number;
                /** @description Sort order as `field,ASC|DESC` (direction defaults to ASC); repeat for secondary orders. Default `updatedAt,DESC`; ties are broken by id. */
                pageSort?: string[];
                component?: "trustfile" | "queue" | "database" | "scheduler" | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectorErrorPage"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getConnectorState: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectorStateDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Requires the scope(s): ExtractorApi:Connection:Read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    setConnectorState: {
        parameters: {
            query: {
                /** @description false pauses all scheduling and pushing; true resumes them */
                enabled: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectorStateDto"];
                };
            };
            /** @description Invalid input: see errors[] for each field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unexpected error; quote the traceId when reporting it */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
}
