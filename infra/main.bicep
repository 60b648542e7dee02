// Livechat Functions: the Azure resources behind
// GET /api/v1/livechat/visitors.searchChats/room/{roomId}/visitor/{visitorId}.
//
// One resource group holds a Flex Consumption function app, the Cosmos DB account
// it reads, and what the Functions host itself needs (storage, monitoring). Nothing
// here uses keys or connection strings with secrets: every caller authenticates with
// Microsoft Entra ID, the app through one user-assigned managed identity.
targetScope = 'resourceGroup'

// ---------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------

@minLength(1)
@maxLength(64)
@description('Name of the azd environment (AZURE_ENV_NAME). Seeds resource names and tags every resource with azd-env-name.')
param environmentName string

// Flex Consumption runs in a subset of regions; the list is the one Microsoft's own azd quickstart for .NET on Flex
// Consumption (Azure-Samples/functions-quickstart-dotnet-azd) allows, less its early-access region eastus2euap.
// azd offers only these when it asks for a location. `az functionapp list-flexconsumption-locations` prints the
// current list; add a region here once it appears there.
@minLength(1)
@description('Azure region of all resources; one that offers Flex Consumption. azd passes AZURE_LOCATION; with the Azure CLI, pass it (for example location=swedencentral).')
@allowed([
  'australiaeast'
  'australiasoutheast'
  'brazilsouth'
  'canadacentral'
  'centralindia'
  'centralus'
  'eastasia'
  'eastus'
  'eastus2'
  'francecentral'
  'germanywestcentral'
  'italynorth'
  'japaneast'
  'koreacentral'
  'northcentralus'
  'northeurope'
  'norwayeast'
  'southafricanorth'
  'southcentralus'
  'southeastasia'
  'southindia'
  'spaincentral'
  'swedencentral'
  'uaenorth'
  'uksouth'
  'ukwest'
  'westcentralus'
  'westeurope'
  'westus'
  'westus2'
  'westus3'
])
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the deploying user or group (AZURE_PRINCIPAL_ID). When set, it gets the Cosmos DB Built-in Data Contributor role so it can load data, and Storage Blob Data Reader on the deployment package container so the postprovision hook can tell when new role assignments apply; leave empty to grant nothing.')
param principalId string = ''

@allowed([
  'serverless'
  'autoscale'
])
@description('Cosmos DB capacity: serverless (pay per request, single region, no throughput to manage) or autoscale (throughput shared by the database, scaling between 10% and 100% of cosmosAutoscaleMaxThousandRUs thousand RU/s).')
param cosmosCapacityMode string = 'serverless'

// In thousands, because Cosmos DB takes autoscale ceilings of 1,000 to 1,000,000 RU/s in steps of 1,000 only:
// every value this parameter accepts is one Cosmos DB accepts, and any other fails the parameter build.
@minValue(1)
@maxValue(1000)
@description('Autoscale ceiling of the livechat database, in thousands of RU/s (1 = 1,000 RU/s, at most 1,000 = 1,000,000 RU/s). Used only when cosmosCapacityMode is autoscale.')
param cosmosAutoscaleMaxThousandRUs int = 1

@minValue(1)
@maxValue(1000)
@description('Largest number of instances the Flex Consumption plan may scale the app out to.')
param maximumInstanceCount int = 100

@minValue(0)
@maxValue(1000)
@description('Instances of the HTTP group kept running at all times (Flex Consumption always ready). 0, the default, costs nothing while idle, and the first request after a quiet spell (or to each new instance as traffic grows) waits for an instance to start. Each always ready instance removes that wait for the traffic it can carry, and is billed around the clock: its memory as baseline GB-seconds whether or not it serves, plus execution time and executions, with no free grant.')
param httpAlwaysReadyInstanceCount int = 0

@allowed([
  512
  2048
  4096
])
@description('Memory of each app instance in MB (Flex Consumption instance sizes).')
param instanceMemoryMB int = 2048

@allowed([
  '00:00:00'
  '00:00:15'
  '00:00:30'
  '00:01:00'
  '00:02:00'
  '00:05:00'
])
@description('How long the app takes a validated login token on trust without reading it again. 00:00:00, the default, reads it on every request, so a revoked token stops working at once; a lifetime saves the token read on repeated requests, and a revoked token keeps working that long.')
param tokenCacheLifetime string = '00:00:00'

@description('Whether an agent may open a queued chat (open and not yet served, of the public queue or of one of their departments) before taking it, as Rocket.Chat allows under its Manual Selection routing method. Off by default.')
param previewQueuedChats bool = false

@description('Browser origins allowed to call the API (for example https://chat.example.com). Empty by default: Rocket.Chat servers and apps call it without CORS. A wildcard (*) is rejected.')
param corsAllowedOrigins string[] = []

@description('Host name of the Rocket.Chat server (for example chat-origin.example.com), reachable over HTTPS. When set, an Azure Front Door endpoint serves this API\'s path from the function app and every other path from Rocket.Chat under one host name; empty by default, which deploys no Front Door.')
param rocketChatOriginHostName string = ''

// ---------------------------------------------------------------------------
// Names and constants
// ---------------------------------------------------------------------------

// Stable per subscription, resource group and environment, so a redeploy updates the
// same resources and two environments never collide on globally unique names.
var resourceToken = uniqueString(subscription().id, resourceGroup().id, environmentName)
var tags = {
  'azd-env-name': environmentName
}

var identityName = 'id-${resourceToken}'
var storageAccountName = 'st${resourceToken}'
var logAnalyticsName = 'log-${resourceToken}'
var appInsightsName = 'appi-${resourceToken}'
var planName = 'plan-${resourceToken}'
var functionAppName = 'func-${resourceToken}'
var cosmosAccountName = 'cosmos-${resourceToken}'

// Flex Consumption pulls the app's zip package from this container.
var deploymentContainerName = 'app-package'

// Names the code reads from configuration (section 4 of the contract).
var cosmosDatabaseName = 'livechat'
var roomsContainerName = 'rooms'
var tokensContainerName = 'tokens'

// A wildcard origin would let any web page call the API from a browser; fail the
// deployment instead of deploying it.
var corsOrigins = contains(corsAllowedOrigins, '*')
  ? fail('corsAllowedOrigins must list explicit origins; * is not allowed.')
  : corsAllowedOrigins

// Built-in Azure roles the Functions host needs on its storage account when it reaches it
// with an identity. Blobs: the deployment package, host keys and leases. Tables: the host's
// diagnostic events (without the role it logs a 403 on every flush). Queues serve only
// queue triggers, Durable Functions and the like; this app is HTTP only, so no queue role.
var storageBlobDataOwnerRoleId = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var storageRoleIds = [
  storageBlobDataOwnerRoleId
  storageTableDataContributorRoleId
]

// Lets the deploying principal list the deployment container: the postprovision hook's
// sign that role assignments made in this deployment have reached the data plane.
var storageBlobDataReaderRoleId = '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'

// Lets the app send telemetry to Application Insights with Entra ID (local auth is off).
var monitoringMetricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb'

// Cosmos DB data-plane roles (not Azure RBAC roles). The app only reads; loading data
// is the deploying user's job.
var cosmosDataReaderRoleId = '00000000-0000-0000-0000-000000000001'
var cosmosDataContributorRoleId = '00000000-0000-0000-0000-000000000002'

// ---------------------------------------------------------------------------
// Identity
// ---------------------------------------------------------------------------

// One identity for everything the app calls: host storage, telemetry, Cosmos DB.
// User-assigned, so role assignments exist before the app first starts.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: identityName
  location: location
  tags: tags
}

// ---------------------------------------------------------------------------
// Storage for the Functions host and deployment packages
// ---------------------------------------------------------------------------

resource storage 'Microsoft.Storage/storageAccounts@2025-08-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    // Identity-only access: no account keys, no SAS signed with them.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    // Flex Consumption reaches the account over its public endpoint unless the app
    // is integrated into a virtual network, which this template does not do.
    publicNetworkAccess: 'Enabled'
    accessTier: 'Hot'
  }
}

resource blobServices 'Microsoft.Storage/storageAccounts/blobServices@2025-08-01' = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-08-01' = {
  parent: blobServices
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

// Scoped to this account only, never to the resource group. One at a time, so no two
// writes to the account's role assignments run at once. principalType tells Azure the
// identity is a service principal, so a just-created one is not looked up (and missed) in
// the directory.
@batchSize(1)
resource storageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in storageRoleIds: {
    name: guid(storage.id, identity.id, roleId)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

// Read access to the package container for the deploying principal (see storageBlobDataReaderRoleId).
// No principalType: the principal may be a user or a service principal, and it is not new.
resource deployerPackageReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(principalId)) {
  name: guid(deploymentContainer.id, principalId, storageBlobDataReaderRoleId)
  scope: deploymentContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataReaderRoleId)
    principalId: principalId
  }
}

// ---------------------------------------------------------------------------
// Monitoring
// ---------------------------------------------------------------------------

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2026-03-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
    // Queries and ingestion go through Entra ID only, like every other resource here.
    features: {
      disableLocalAuth: true
    }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    // Telemetry must be sent with an Entra ID token; the instrumentation key alone
    // in the connection string is not enough to write.
    DisableLocalAuth: true
  }
}

resource appInsightsRoleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, identity.id, monitoringMetricsPublisherRoleId)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisherRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---------------------------------------------------------------------------
// Cosmos DB for NoSQL (contract section 4)
// ---------------------------------------------------------------------------

var isServerless = cosmosCapacityMode == 'serverless'

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2026-03-15' = {
  name: cosmosAccountName
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    // Serverless is chosen per account at creation; autoscale needs no capability.
    capabilities: isServerless
      ? [
          {
            name: 'EnableServerless'
          }
        ]
      : []
    // Entra ID only: account keys cannot read or write data.
    disableLocalAuth: true
    // Databases and containers change only through Azure Resource Manager (this template).
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    // Flex Consumption without virtual network integration calls the public endpoint.
    publicNetworkAccess: 'Enabled'
    // Point-in-time restore over the last 7 days; this tier charges for restores only,
    // not for keeping the backup (the default periodic mode keeps only the last two
    // backups, taken 4 h apart).
    backupPolicy: {
      type: 'Continuous'
      continuousModeProperties: {
        tier: 'Continuous7Days'
      }
    }
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2026-03-15' = {
  parent: cosmos
  name: cosmosDatabaseName
  properties: {
    resource: {
      id: cosmosDatabaseName
    }
    // Serverless accounts reject throughput options. With autoscale the two containers
    // share the database's throughput, the cheapest setup for a small workload.
    options: isServerless
      ? {}
      : {
          autoscaleSettings: {
            maxThroughput: cosmosAutoscaleMaxThousandRUs * 1000
          }
        }
  }
}

// Chats and their messages. Every read the endpoint makes stays inside one visitor's
// partition. Only the fields it filters or sorts on are indexed; message bodies are
// indexed through `msg` for searchText, the rest of each document (visitor objects,
// closing messages, ...) is not, which keeps writes cheap.
resource roomsContainer 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2026-03-15' = {
  parent: database
  name: roomsContainerName
  properties: {
    resource: {
      id: roomsContainerName
      partitionKey: {
        paths: [
          '/visitorId'
        ]
        kind: 'Hash'
        version: 2
      }
      // One file, read here and by everything that creates the container for tests and local runs, so the
      // local store refuses the same ORDER BY that Cosmos DB would. Each sort field has a composite index with
      // _id, the tie-breaker of every page; one in ascending order serves both directions.
      indexingPolicy: loadJsonContent('rooms-indexing-policy.json')
    }
  }
}

// Login tokens, one document per token digest. Reads are point reads by id and
// partition key, so nothing is indexed. TTL is on with no default (-1): a document
// expires only when it carries its own `ttl`.
resource tokensContainer 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2026-03-15' = {
  parent: database
  name: tokensContainerName
  properties: {
    resource: {
      id: tokensContainerName
      partitionKey: {
        paths: [
          '/userId'
        ]
        kind: 'Hash'
        version: 2
      }
      defaultTtl: -1
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: []
        excludedPaths: [
          { path: '/*' }
        ]
      }
    }
  }
}

// The app reads rooms and tokens and never writes: Data Reader only.
// Cosmos DB takes one change to an account at a time and answers a concurrent one with a
// conflict, so the data-plane role assignments wait for the containers and then for each
// other. (They take no principalType; ordering them after the rest also gives a
// just-created identity time to reach the directory.)
resource cosmosAppReader 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2026-03-15' = {
  parent: cosmos
  name: guid(cosmos.id, identity.id, cosmosDataReaderRoleId)
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${cosmosDataReaderRoleId}'
    principalId: identity.properties.principalId
    scope: cosmos.id
  }
  dependsOn: [
    roomsContainer
    tokensContainer
  ]
}

// Local auth is off, so the deploying user needs a data-plane role to load chats
// and tokens (importer, demo data). Skipped when no principal is given.
resource cosmosDeployerContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2026-03-15' = if (!empty(principalId)) {
  parent: cosmos
  name: guid(cosmos.id, principalId, cosmosDataContributorRoleId)
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${cosmosDataContributorRoleId}'
    principalId: principalId
    scope: cosmos.id
  }
  dependsOn: [
    cosmosAppReader
  ]
}

// ---------------------------------------------------------------------------
// Function app on Flex Consumption
// ---------------------------------------------------------------------------

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    // Flex Consumption runs on Linux only.
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: functionAppName
  location: location
  // azd deploys the `api` service of azure.yaml to the resource carrying this tag.
  tags: union(tags, {
    'azd-service-name': 'api'
  })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      // Nothing Flex Consumption refuses goes here (ftpsState, alwaysOn, linuxFxVersion,
      // use32BitWorkerProcess, ...: see FlexConsumptionSitePropertiesTests); FTP stays off
      // through the ftp publishing-credentials policy below instead.
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      cors: {
        allowedOrigins: corsOrigins
        supportCredentials: false
      }
    }
    // On Flex Consumption the runtime, scale and package location live here, not in
    // app settings (FUNCTIONS_WORKER_RUNTIME, WEBSITE_RUN_FROM_PACKAGE, ... are refused).
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          // Naming the container resource (not just its name) orders it before the app.
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainer.name}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        alwaysReady: [
          {
            name: 'http'
            instanceCount: httpAlwaysReadyInstanceCount
          }
        ]
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Every setting the code and the host read. The host reaches storage through the
// identity (the __credential / __clientId form), so no AzureWebJobsStorage
// connection string exists anywhere.
resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: {
    AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
    AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identity.properties.clientId
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
    // Picked up by Azure.Identity credentials that are not given a client id.
    AZURE_CLIENT_ID: identity.properties.clientId
    Cosmos__AccountEndpoint: cosmos.properties.documentEndpoint
    Cosmos__ManagedIdentityClientId: identity.properties.clientId
    Cosmos__DatabaseName: cosmosDatabaseName
    Cosmos__RoomsContainerName: roomsContainerName
    Cosmos__TokensContainerName: tokensContainerName
    Authentication__TokenCacheLifetime: tokenCacheLifetime
    // App settings are strings; the app reads 'true' or 'false'.
    Routing__PreviewQueuedChats: previewQueuedChats ? 'true' : 'false'
  }
  // The host starts as soon as settings land; let it find its storage and telemetry
  // permissions already in place (nothing in these settings refers to them).
  dependsOn: [
    storageRoleAssignments
    appInsightsRoleAssignment
    cosmosAppReader
  ]
}

// Deployments go through Entra ID (azd, az CLI); user-name/password publishing
// credentials for FTP and the SCM site stay off.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

// ---------------------------------------------------------------------------
// Optional Front Door: Rocket.Chat's origin with this endpoint on the function app
// ---------------------------------------------------------------------------

module frontDoor 'front-door.bicep' = if (!empty(rocketChatOriginHostName)) {
  name: 'front-door'
  params: {
    resourceToken: resourceToken
    tags: tags
    functionAppHostName: functionApp.properties.defaultHostName
    rocketChatHostName: rocketChatOriginHostName
  }
}

// ---------------------------------------------------------------------------
// Outputs (azd stores them in the environment's .env)
// ---------------------------------------------------------------------------

@description('Resource group holding every resource of this environment.')
output AZURE_RESOURCE_GROUP string = resourceGroup().name

@description('Name of the function app.')
output AZURE_FUNCTION_APP_NAME string = functionApp.name

@description('Base URL of the API; the endpoint is <base>/v1/livechat/visitors.searchChats/room/{roomId}/visitor/{visitorId}.')
output FUNCTION_BASE_URL string = 'https://${functionApp.properties.defaultHostName}/api'

@description('Cosmos DB account endpoint, for loading data.')
output COSMOS_ENDPOINT string = cosmos.properties.documentEndpoint

@description('Cosmos DB database name.')
output COSMOS_DATABASE_NAME string = cosmosDatabaseName

@description('Client id of the app\'s user-assigned managed identity.')
output MANAGED_IDENTITY_CLIENT_ID string = identity.properties.clientId

@description('Storage account of the Functions host, for the postprovision hook.')
output AZURE_STORAGE_ACCOUNT_NAME string = storage.name

@description('Blob container Flex Consumption deploys the app package from, for the postprovision hook.')
output AZURE_DEPLOYMENT_CONTAINER_NAME string = deploymentContainer.name

@description('Host name of the Front Door endpoint that serves Rocket.Chat with this API under one origin; empty when rocketChatOriginHostName is not set.')
output FRONT_DOOR_HOST_NAME string = frontDoor.?outputs.endpointHostName ?? ''
