// Azure Front Door in front of Rocket.Chat and the function app, so that Rocket.Chat's web client, which calls
// /api/v1/... on the origin it was loaded from, reaches visitors.searchChats on the function app and everything
// else on the Rocket.Chat server, under one host name.
//
// Two origin groups of one origin each, and one route per group: Front Door picks the route with the most
// specific matching pattern, so the endpoint's path goes to the function app and /* to Rocket.Chat. Answers
// are personal data: no route caches (a route without cacheConfiguration neither caches nor compresses).
targetScope = 'resourceGroup'

@minLength(1)
@description('Seed of the resource names, unique per environment (main.bicep\'s resource token).')
param resourceToken string

@description('Tags put on every resource.')
param tags { *: string }

@minLength(1)
@description('Default host name of the function app (func-<token>.azurewebsites.net): its origin\'s address and the Host header it is sent, which App Service routes on.')
param functionAppHostName string

@minLength(1)
@description('Host name of the Rocket.Chat server, reachable from Front Door over HTTPS with a certificate for that name (for example chat-origin.example.com).')
param rocketChatHostName string

var profileName = 'afd-${resourceToken}'
var endpointName = 'chat-${resourceToken}'

// The endpoint's path as Rocket.Chat serves it; everything below it is this app's.
var searchChatsPattern = '/api/v1/livechat/visitors.searchChats/*'

resource profile 'Microsoft.Cdn/profiles@2025-06-01' = {
  name: profileName
  // Front Door is a global service: its profiles have no region.
  location: 'global'
  tags: tags
  sku: {
    name: 'Standard_AzureFrontDoor'
  }
}

resource endpoint 'Microsoft.Cdn/profiles/afdEndpoints@2025-06-01' = {
  parent: profile
  name: endpointName
  location: 'global'
  tags: tags
  properties: {
    enabledState: 'Enabled'
  }
}

// One origin per group, so there is nothing to fail over to and no health probe (probes would also need an
// unauthenticated path that answers 200, which the endpoint does not have).
resource functionOriginGroup 'Microsoft.Cdn/profiles/originGroups@2025-06-01' = {
  parent: profile
  name: 'function-app'
  properties: {
    loadBalancingSettings: {
      sampleSize: 4
      successfulSamplesRequired: 3
      additionalLatencyInMilliseconds: 50
    }
    sessionAffinityState: 'Disabled'
  }
}

resource functionOrigin 'Microsoft.Cdn/profiles/originGroups/origins@2025-06-01' = {
  parent: functionOriginGroup
  name: 'function-app'
  properties: {
    hostName: functionAppHostName
    originHostHeader: functionAppHostName
    httpPort: 80
    httpsPort: 443
    priority: 1
    weight: 1000
    enabledState: 'Enabled'
    enforceCertificateNameCheck: true
  }
}

resource rocketChatOriginGroup 'Microsoft.Cdn/profiles/originGroups@2025-06-01' = {
  parent: profile
  name: 'rocket-chat'
  properties: {
    loadBalancingSettings: {
      sampleSize: 4
      successfulSamplesRequired: 3
      additionalLatencyInMilliseconds: 50
    }
    sessionAffinityState: 'Disabled'
  }
}

resource rocketChatOrigin 'Microsoft.Cdn/profiles/originGroups/origins@2025-06-01' = {
  parent: rocketChatOriginGroup
  name: 'rocket-chat'
  properties: {
    hostName: rocketChatHostName
    originHostHeader: rocketChatHostName
    httpPort: 80
    httpsPort: 443
    priority: 1
    weight: 1000
    enabledState: 'Enabled'
    enforceCertificateNameCheck: true
  }
}

// Plain HTTP from a client is redirected to HTTPS; Front Door itself talks to both origins over HTTPS only, so
// the login headers (X-User-Id, X-Auth-Token), which it forwards as received, are never sent in clear text.
resource searchChatsRoute 'Microsoft.Cdn/profiles/afdEndpoints/routes@2025-06-01' = {
  parent: endpoint
  name: 'search-chats'
  properties: {
    originGroup: {
      id: functionOriginGroup.id
    }
    patternsToMatch: [
      searchChatsPattern
    ]
    supportedProtocols: [
      'Http'
      'Https'
    ]
    httpsRedirect: 'Enabled'
    forwardingProtocol: 'HttpsOnly'
    linkToDefaultDomain: 'Enabled'
    enabledState: 'Enabled'
  }
  // A route is refused while its origin group has no origin.
  dependsOn: [
    functionOrigin
  ]
}

resource rocketChatRoute 'Microsoft.Cdn/profiles/afdEndpoints/routes@2025-06-01' = {
  parent: endpoint
  name: 'rocket-chat'
  properties: {
    originGroup: {
      id: rocketChatOriginGroup.id
    }
    patternsToMatch: [
      '/*'
    ]
    supportedProtocols: [
      'Http'
      'Https'
    ]
    httpsRedirect: 'Enabled'
    forwardingProtocol: 'HttpsOnly'
    linkToDefaultDomain: 'Enabled'
    enabledState: 'Enabled'
  }
  // Routes of one endpoint are changed one at a time: Front Door refuses a second while the first is under way.
  dependsOn: [
    rocketChatOrigin
    searchChatsRoute
  ]
}

@description('Host name of the Front Door endpoint (<name>-<hash>.z01.azurefd.net): Rocket.Chat\'s origin once clients use it.')
output endpointHostName string = endpoint.properties.hostName
