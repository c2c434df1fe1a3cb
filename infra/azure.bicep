// Hagukumi in a city's own Azure subscription: one Linux web app (Node 22) behind a user-assigned
// managed identity, PostgreSQL Flexible Server, Key Vault (the app reads its secrets through Key Vault
// references), the Azure Bot registration with the Teams channel, and Application Insights on a Log
// Analytics workspace. Deployed by Microsoft 365 Agents Toolkit (`arm/deploy` in m365agents.yml) with
// infra/azure.parameters.json; every output is written to env/.env.<env> upper-cased as named here.
// Written for the Bicep CLI version m365agents.yml pins (no newer syntax such as user-defined types).

@minLength(3)
@maxLength(40)
@description('Prefix of every resource name, unique to the city (e.g. hagukumi-kodaira). Lower-case letters, digits and hyphens; the web app and the database server use it as a public host name.')
param resourceBaseName string

@description('Azure region of every regional resource. Japan East by default; Japan West for a second site.')
param location string = 'japaneast'

@description('Client id of the Entra app registration for SSO and Graph (aadApp/create).')
param aadAppClientId string

@description('The city\'s Entra tenant id.')
param aadAppTenantId string

@allowed([
  'managed-identity-federation'
  'secret'
])
@description('How the service proves itself to Entra ID for Graph. managed-identity-federation (default, no secret): the app registration trusts the web app\'s managed identity through a federated identity credential (m365agents.yml adds it). secret: a client secret the city puts in Key Vault itself as entra-client-secret (docs/deploy.md §13).')
param entraCredential string = 'managed-identity-federation'

@allowed([
  'managed-identity'
  'secret'
])
@description('How the bot gets its Bot Framework tokens. managed-identity (default, no secret): a UserAssignedMSI Azure Bot whose app id is the web app\'s managed identity. secret: a SingleTenant Azure Bot with its own app registration (botAppClientId) and a client secret the city puts in Key Vault itself as bot-password.')
param botCredential string = 'managed-identity'

@description('Only with botCredential secret: client id of the bot\'s own single-tenant app registration. Changing botCredential later needs a new Azure Bot resource (msaAppType cannot change).')
param botAppClientId string = ''

@description('The Teams app id (manifest id): bot messages link into the tab inside Teams.')
param teamsAppId string

@description('The training department\'s mailbox, organizer of every training session (e.g. kenshu@city.lg.jp).')
param trainingMailbox string

@description('The app role that makes someone HR (see aad.manifest.json).')
param hrAppRole string = 'Hagukumi.HR'

@description('A custom host name (e.g. hagukumi.city.lg.jp) already bound to the web app with its certificate; empty = the azurewebsites.net name. See docs/deploy.md, "Custom domain".')
param customDomain string = ''

@description('App Service plan size. P0v3 (1 vCPU, 4 GiB) serves a 2,000-person city; Standard or Premium is needed for deployment slots and scale-out.')
param appServicePlanSku string = 'P0v3'

@minValue(1)
@maxValue(10)
@description('Web app instances. Each holds at most connectionsPerInstance database connections (see below).')
param appInstanceCount int = 1

@minValue(1)
@maxValue(100)
@description('DATABASE_POOL_SIZE: the application pool of each instance. pg-boss adds 4 and the start-up migration 1, so an instance holds at most DATABASE_POOL_SIZE + 5.')
param databasePoolSize int = 10

@description('PostgreSQL compute. Burstable B2s (2 vCores, 4 GiB) allows 414 user connections; use GeneralPurpose Standard_D2ds_v5 for zone-redundant high availability.')
param postgresSkuName string = 'Standard_B2s'

@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param postgresSkuTier string = 'Burstable'

@minValue(32)
param postgresStorageSizeGB int = 32

@minValue(7)
@maxValue(35)
@description('Days of point-in-time restore.')
param postgresBackupRetentionDays int = 14

@allowed([
  'Enabled'
  'Disabled'
])
@description('Geo-redundant backups (restorable in the paired region, Japan West for Japan East). Only at server creation.')
param postgresGeoRedundantBackup string = 'Disabled'

param postgresAdminLogin string = 'hagukumi_admin'

@secure()
@minLength(16)
@description('Password of the PostgreSQL administrator; stored in Key Vault inside DATABASE_URL.')
param postgresAdminPassword string

@maxLength(42)
param botDisplayName string = '育み Hagukumi'

var webAppName = resourceBaseName
var publicHostName = empty(customDomain) ? '${webAppName}.azurewebsites.net' : customDomain
var publicUrl = 'https://${publicHostName}'
// Key Vault names are global, 3-24 characters: derived from the resource group so re-provisioning finds the same vault.
var keyVaultName = 'kv${uniqueString(resourceGroup().id)}'
var databaseName = 'hagukumi'
// Built-in role "Key Vault Secrets User": read secret values, nothing else.
var keyVaultSecretsUserRoleId = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${resourceBaseName}'
  location: location
}

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${resourceBaseName}'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 90
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${resourceBaseName}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: 'psql-${resourceBaseName}'
  location: location
  sku: {
    name: postgresSkuName
    tier: postgresSkuTier
  }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    authConfig: {
      passwordAuth: 'Enabled'
      activeDirectoryAuth: 'Disabled'
    }
    storage: {
      storageSizeGB: postgresStorageSizeGB
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: postgresBackupRetentionDays
      geoRedundantBackup: postgresGeoRedundantBackup
    }
    highAvailability: {
      mode: 'Disabled'
    }
    network: {
      publicNetworkAccess: 'Enabled'
    }
  }
}

// Only Azure services reach the server (the web app's outbound addresses change with its plan); TLS
// and the password protect it. docs/deploy.md describes moving to private access in a virtual network.
resource postgresAllowAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: postgres
  name: 'AllowAllAzureServicesAndResourcesWithinAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

// The server's default already refuses plain connections; stating it keeps a portal change visible in review.
resource postgresRequireTls 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: postgres
  name: 'require_secure_transport'
  // One change at a time: the server refuses concurrent operations on itself.
  dependsOn: [
    postgresAllowAzure
  ]
  properties: {
    value: 'ON'
    source: 'user-override'
  }
}

resource postgresDatabase 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: databaseName
  dependsOn: [
    postgresRequireTls
  ]
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enabledForDeployment: false
    enabledForTemplateDeployment: false
    enabledForDiskEncryption: false
  }
}

// With entraCredential or botCredential 'secret', the city stores the client secret itself
// (`az keyvault secret set`): no client secret passes through the toolkit's files or this deployment.
var entraClientSecretName = 'entra-client-secret'
var botPasswordName = 'bot-password'

// verify-full: node-postgres checks the certificate chain and the host name (Azure's chain is in Node's CA store).
resource databaseUrl 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'database-url'
  properties: {
    value: 'postgres://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${databaseName}?sslmode=verify-full'
    contentType: 'text/plain'
  }
}

resource identityReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, identity.id, keyVaultSecretsUserRoleId)
  scope: keyVault
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: keyVaultSecretsUserRoleId
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: 'asp-${resourceBaseName}'
  location: location
  kind: 'linux'
  sku: {
    name: appServicePlanSku
    capacity: appInstanceCount
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  dependsOn: [
    // Key Vault references resolve at start: the identity must already be allowed to read them.
    identityReadsSecrets
    // The service migrates its database at start.
    postgresDatabase
  ]
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references are resolved with the user-assigned identity (a web app has no system identity here).
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      // The artefact's start command (dist/app, see Dockerfile): node receives SIGTERM itself.
      appCommandLine: 'node server/src/main.js'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // The load balancer sends traffic only to instances whose database and queue answer.
      healthCheckPath: '/api/health/ready'
      // One credential per identity (the service refuses two): the secretless ones by default.
      appSettings: concat([
        {
          name: 'APP_MODE'
          value: 'production'
        }
        {
          name: 'NODE_ENV'
          value: 'production'
        }
        {
          name: 'PUBLIC_URL'
          value: publicUrl
        }
        {
          name: 'DATABASE_URL'
          value: '@Microsoft.KeyVault(VaultName=${keyVault.name};SecretName=${databaseUrl.name})'
        }
        {
          name: 'DATABASE_POOL_SIZE'
          value: string(databasePoolSize)
        }
        {
          name: 'ENTRA_TENANT_ID'
          value: aadAppTenantId
        }
        {
          name: 'ENTRA_CLIENT_ID'
          value: aadAppClientId
        }
        {
          name: 'TEAMS_APP_ID'
          value: teamsAppId
        }
        {
          name: 'TRAINING_MAILBOX'
          value: trainingMailbox
        }
        {
          name: 'HR_APP_ROLE'
          value: hrAppRole
        }
        {
          name: 'LOG_LEVEL'
          value: 'info'
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
        {
          name: 'ApplicationInsightsAgent_EXTENSION_VERSION'
          value: '~3'
        }
        {
          // The deployed zip is the built artefact with its node_modules: no build on the server.
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: 'false'
        }
        {
          name: 'WEBSITE_RUN_FROM_PACKAGE'
          value: '1'
        }
      ], entraCredential == 'secret' ? [
        {
          name: 'ENTRA_CREDENTIAL'
          value: 'secret'
        }
        {
          name: 'ENTRA_CLIENT_SECRET'
          value: '@Microsoft.KeyVault(VaultName=${keyVault.name};SecretName=${entraClientSecretName})'
        }
      ] : [
        {
          name: 'ENTRA_CREDENTIAL'
          value: 'managed-identity-federation'
        }
        {
          name: 'ENTRA_MANAGED_IDENTITY_CLIENT_ID'
          value: identity.properties.clientId
        }
      ], botCredential == 'secret' ? [
        {
          name: 'BOT_ID'
          value: botAppClientId
        }
        {
          name: 'BOT_CREDENTIAL'
          value: 'secret'
        }
        {
          name: 'BOT_PASSWORD'
          value: '@Microsoft.KeyVault(VaultName=${keyVault.name};SecretName=${botPasswordName})'
        }
      ] : [
        {
          name: 'BOT_ID'
          value: identity.properties.clientId
        }
        {
          name: 'BOT_CREDENTIAL'
          value: 'managed-identity'
        }
      ])
    }
  }
}

// The service logs JSON lines to stdout (pino): they land in AppServiceConsoleLogs.
resource webAppDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: webApp
  properties: {
    workspaceId: logAnalytics.id
    logs: [
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
    ]
  }
}

resource postgresDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: postgres
  properties: {
    workspaceId: logAnalytics.id
    logs: [
      {
        category: 'PostgreSQLLogs'
        enabled: true
      }
    ]
  }
}

// The bot's registration. By default its identity is the web app's user-assigned managed identity
// (UserAssignedMSI: no app registration, no secret); with botCredential 'secret', the single-tenant app
// registration botAppClientId in the city's tenant. msaAppType cannot change on an existing resource.
resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: 'bot-${resourceBaseName}'
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: 'F0'
  }
  properties: {
    displayName: botDisplayName
    endpoint: '${publicUrl}/api/messages'
    msaAppId: botCredential == 'secret' ? botAppClientId : identity.properties.clientId
    msaAppTenantId: botCredential == 'secret' ? aadAppTenantId : identity.properties.tenantId
    msaAppType: botCredential == 'secret' ? 'SingleTenant' : 'UserAssignedMSI'
    msaAppMSIResourceId: botCredential == 'secret' ? null : identity.id
  }
}

resource botTeamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

// Written to env/.env.<env> by arm/deploy; m365agents.yml and the manifests read the first three.
output AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output TAB_DOMAIN string = publicHostName
output TAB_ENDPOINT string = publicUrl
output AZURE_WEB_APP_NAME string = webApp.name
output AZURE_KEY_VAULT_NAME string = keyVault.name
output AZURE_POSTGRES_SERVER_NAME string = postgres.name
output AZURE_POSTGRES_HOST string = postgres.properties.fullyQualifiedDomainName
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.properties.clientId
output AZURE_MANAGED_IDENTITY_PRINCIPAL_ID string = identity.properties.principalId
output AZURE_BOT_NAME string = bot.name
// The bot's app id: the Teams app manifest's botId (appPackage/manifest.json).
output BOT_ID string = bot.properties.msaAppId
output AZURE_APP_INSIGHTS_NAME string = appInsights.name
